import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { emailDetector, type EmailOptions } from '../../src/detectors/email.js';
import type { DetectorEnv } from '../../src/detectors/types.js';
import { identityMapped } from '../../src/normalize/mapped-text.js';

// The email detector reads no keywords, so it needs no normalizing environment.
const env = {} as DetectorEnv;

/** [span, value] of every address found in an already-normalized text. */
function find(text: string, options: EmailOptions = {}): [string, string | undefined][] {
  const input = { normalized: identityMapped(text), original: text, context: 'message' as const };
  return emailDetector.create(options, env).find(input).map((c) => [text.slice(c.start, c.end), c.value]);
}

describe('email detector', () => {
  it.each([
    ['t.hoshino@kagayaki-sekkei.jp', 't.hoshino@kagayaki-sekkei.jp', 't.hoshino@kagayaki-sekkei.jp'],
    ['hana_works@docomo.ne.jp', 'hana_works@docomo.ne.jp', 'hana_works@docomo.ne.jp'],
    ['m.arai.work@gmail.com', 'm.arai.work@gmail.com', 'm.arai.work@gmail.com'],
    // right after Japanese text, inside brackets, before particles
    ['ご連絡はm.arai.work@gmail.comまで', 'm.arai.work@gmail.com', 'm.arai.work@gmail.com'],
    ['「hana_works@docomo.ne.jp」に送ってください', 'hana_works@docomo.ne.jp', 'hana_works@docomo.ne.jp'],
    ['（t.hoshino@kagayaki-sekkei.jp）', 't.hoshino@kagayaki-sekkei.jp', 't.hoshino@kagayaki-sekkei.jp'],
    ['(ryoko.s9@gmail.com)', 'ryoko.s9@gmail.com', 'ryoko.s9@gmail.com'],
    ['tomo@gmail.com宛にお願いします', 'tomo@gmail.com', 'tomo@gmail.com'],
    ['tomo@gmail.comに送ります', 'tomo@gmail.com', 'tomo@gmail.com'],
    ['アドレス:tomo@gmail.com', 'tomo@gmail.com', 'tomo@gmail.com'],
    ['メール→ a+shop@yahoo.co.jp です', 'a+shop@yahoo.co.jp', 'a+shop@yahoo.co.jp'],
    ['192.168.1.1@gmail.com', '192.168.1.1@gmail.com', '192.168.1.1@gmail.com'],
    // mailto: is part of the span, not of the value
    ['mailto:tomo@gmail.com', 'mailto:tomo@gmail.com', 'tomo@gmail.com'],
    ['mailto:tomo@gmail.com?subject=hello', 'mailto:tomo@gmail.com?subject=hello', 'tomo@gmail.com'],
    // local parts Japanese carriers once allowed
    ['taro..hana@docomo.ne.jp', 'taro..hana@docomo.ne.jp', 'taro..hana@docomo.ne.jp'],
    ['hana.@ezweb.ne.jp', 'hana.@ezweb.ne.jp', 'hana.@ezweb.ne.jp'],
    ['a.cc-taro..hana@docomo.ne.jp', 'a.cc-taro..hana@docomo.ne.jp', 'a.cc-taro..hana@docomo.ne.jp'],
    ['連絡先-foo@gmail.com', 'foo@gmail.com', 'foo@gmail.com'],
    // raw upper case: the value is lower-cased
    ['Tomo@Gmail.com', 'Tomo@Gmail.com', 'tomo@gmail.com'],
  ])('finds the address in %s', (text, span, value) => {
    expect(find(text)).toEqual([[span, value]]);
  });

  it('finds every address of a text, each once', () => {
    expect(find('仕事用 t.hoshino@kagayaki-sekkei.jp / 個人 m.arai.work@gmail.com,hana_works@docomo.ne.jp')).toEqual([
      ['t.hoshino@kagayaki-sekkei.jp', 't.hoshino@kagayaki-sekkei.jp'],
      ['m.arai.work@gmail.com', 'm.arai.work@gmail.com'],
      ['hana_works@docomo.ne.jp', 'hana_works@docomo.ne.jp'],
    ]);
  });

  it.each([
    ['postgres://app:app@localhost:5432/app', 'credentials in a database URL'],
    ['https://user:pass@haruka-design.net/', 'credentials in a link (the url detector reports it)'],
    ['report_v2@final.pdf', 'an attachment name: "pdf" is no top-level domain'],
    ['@media (max-width: 600px)', 'CSS'],
    ['@import url(fonts.css);', 'CSS'],
    ['単価@350円', 'a unit price'],
    ['@田中様', 'a mention'],
    ['@marumaru.dev', 'a handle'],
    ['インスタ@coco.shop', 'a handle after Japanese text'],
    ['user01@example.com', 'reserved for examples'],
    ['info@example.co.jp', 'reserved for examples'],
    ['/^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$/', 'a regular expression'],
    ['user@localhost', 'no dot in the domain'],
    ['mailto:foo@bar', 'no dot in the domain'],
    ['mailto:root@db.local', 'a local domain'],
    ['git@github.com:kanmon/app.git', 'an SSH remote'],
    ['@', 'nothing around the @'],
  ])('finds no address in %s (%s)', (text) => {
    expect(find(text)).toEqual([]);
  });

  describe('options', () => {
    it.each<[string, EmailOptions, string, [string, string][]]>([
      ['allowDomains never reports those domains and subdomains', { allowDomains: ['coconala.com'] }, 'support@coconala.com と a@mail.coconala.com', []],
      ['allowDomains replaces the reserved example domains', { allowDomains: ['coconala.com'] }, 'user01@example.com', [['user01@example.com', 'user01@example.com']]],
      ['an empty allowDomains reports everything', { allowDomains: [] }, 'user01@example.com', [['user01@example.com', 'user01@example.com']]],
      ['excludeLocalhost: false reports local domains', { excludeLocalhost: false }, 'mailto:root@db.local', [['mailto:root@db.local', 'root@db.local']]],
    ])('%s', (_, options, text, expected) => {
      expect(find(text, options)).toEqual(expected);
    });

    it.each([
      [{}, true],
      [{ allowDomains: ['coconala.com'], excludeLocalhost: false }, true],
      [{ allowDomains: ['@coconala.com'] }, false],
      [{ domains: ['gmail.com'] }, false],
    ])('schema accepts %j: %s', (options, valid) => {
      expect(Value.Check(emailDetector.meta.optionsSchema, options)).toBe(valid);
    });
  });
});
