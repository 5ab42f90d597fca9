import fc from 'fast-check';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { emailDetector } from '../../src/detectors/email.js';
import type { DetectorEnv } from '../../src/detectors/types.js';
import { nextLinkSpot, urlDetector, type UrlOptions } from '../../src/detectors/url.js';
import { identityMapped } from '../../src/normalize/mapped-text.js';

// The url detector reads no keywords, so it needs no normalizing environment.
const env = {} as DetectorEnv;

/** [span, value] of every link found in an already-normalized text. */
function find(text: string, options: UrlOptions = {}): [string, string | undefined][] {
  const input = { normalized: identityMapped(text), original: text, context: 'message' as const };
  return urlDetector.create(options, env).find(input).map((c) => [text.slice(c.start, c.end), c.value]);
}

describe('url detector', () => {
  it.each([
    // Japanese text right against the link
    ['こちら→drive.google.com/drive/folders/1vb7tnq2asdf 。見づらい', 'drive.google.com/drive/folders/1vb7tnq2asdf', 'http://drive.google.com/drive/folders/1vb7tnq2asdf'],
    ['zoom.us/j/94412876603 、資料', 'zoom.us/j/94412876603', 'http://zoom.us/j/94412876603'],
    ['https://lin.ee/q8rtz2mから追加してください', 'https://lin.ee/q8rtz2m', 'https://lin.ee/q8rtz2m'],
    ['詳しくは(https://x.com/kotaro_art)で', 'https://x.com/kotaro_art', 'https://x.com/kotaro_art'],
    ['「https://potofu.me/momo」を見て', 'https://potofu.me/momo', 'https://potofu.me/momo'],
    ['url:booth.pm/ja/items/123', 'booth.pm/ja/items/123', 'http://booth.pm/ja/items/123'],
    ['サイト:haruka-design.net', 'haruka-design.net', 'http://haruka-design.net'],
    // bare hosts of short-link, file-sharing and contact services
    ['bit.ly/3xkq9rm', 'bit.ly/3xkq9rm', 'http://bit.ly/3xkq9rm'],
    ['lit.link/momoiro_san', 'lit.link/momoiro_san', 'http://lit.link/momoiro_san'],
    ['forms.gle/t7mkpa2x', 'forms.gle/t7mkpa2x', 'http://forms.gle/t7mkpa2x'],
    ['we.tl/t-ab3xk9pq2', 'we.tl/t-ab3xk9pq2', 'http://we.tl/t-ab3xk9pq2'],
    ['26.gigafile.nu/1130-c41e8a2f7', '26.gigafile.nu/1130-c41e8a2f7', 'http://26.gigafile.nu/1130-c41e8a2f7'],
    ['kinari-zakka.stores.jp', 'kinari-zakka.stores.jp', 'http://kinari-zakka.stores.jp'],
    ['haruka-design.net/works', 'haruka-design.net/works', 'http://haruka-design.net/works'],
    ['wa.me/818056723319', 'wa.me/818056723319', 'http://wa.me/818056723319'],
    ['t.me/shinobi_works', 't.me/shinobi_works', 'http://t.me/shinobi_works'],
    ['discord.gg/vt8zqm3k', 'discord.gg/vt8zqm3k', 'http://discord.gg/vt8zqm3k'],
    ['paypal.me/kotaro.s.art', 'paypal.me/kotaro.s.art', 'http://paypal.me/kotaro.s.art'],
    ['meet.google.com/pqx-hzvm-ktr', 'meet.google.com/pqx-hzvm-ktr', 'http://meet.google.com/pqx-hzvm-ktr'],
    ['line.me/ti/p/xk3_pq9wzr', 'line.me/ti/p/xk3_pq9wzr', 'http://line.me/ti/p/xk3_pq9wzr'],
    ['lin.ee/q8rtz2m', 'lin.ee/q8rtz2m', 'http://lin.ee/q8rtz2m'],
    ['kinari.base.shop/items/1', 'kinari.base.shop/items/1', 'http://kinari.base.shop/items/1'],
    ['https://www.instagram.com/nagomi.photo_/', 'https://www.instagram.com/nagomi.photo_/', 'https://www.instagram.com/nagomi.photo_/'],
    // www., schemes, ports, the "ttps://" spelling, upper case in raw input
    ['www.haruka-portfolio.art', 'www.haruka-portfolio.art', 'http://www.haruka-portfolio.art'],
    ['ttps://drive.google.com/file/d/1abc', 'ttps://drive.google.com/file/d/1abc', 'https://drive.google.com/file/d/1abc'],
    ['ttp://haruka-design.net', 'ttp://haruka-design.net', 'http://haruka-design.net'],
    ['http://203.0.113.7:8080/chat', 'http://203.0.113.7:8080/chat', 'http://203.0.113.7:8080/chat'],
    ['Https://Lin.ee/Abc', 'Https://Lin.ee/Abc', 'https://lin.ee/Abc'],
    ['//haruka-design.net/works', '//haruka-design.net/works', 'http://haruka-design.net/works'],
    ['https://user:pass@haruka-design.net/', 'https://user:pass@haruka-design.net/', 'https://user:pass@haruka-design.net/'],
  ])('finds the link in %s', (text, span, value) => {
    expect(find(text)).toEqual([[span, value]]);
  });

  it('finds every link of a text, each once', () => {
    expect(find('line: lin.ee/q8rtz2m、インスタ https://instagram.com/coco.craft と bit.ly/3xkq9rm')).toEqual([
      ['lin.ee/q8rtz2m', 'http://lin.ee/q8rtz2m'],
      ['https://instagram.com/coco.craft', 'https://instagram.com/coco.craft'],
      ['bit.ly/3xkq9rm', 'http://bit.ly/3xkq9rm'],
    ]);
  });

  it.each([
    // file names: their extension is no listed top-level domain
    ['resize.py', 'Paraguay, and a Python file'],
    ['readme.md をご確認ください', 'Moldova, and Markdown'],
    ['fonts.css', 'no top-level domain'],
    ['contact_qr.png', 'no top-level domain'],
    ['logo.ai で納品します', 'Anguilla, and Illustrator'],
    ['/src/utils/resize.py', 'a path'],
    ['report_v2@final.pdf', 'an attachment name'],
    ['node.js と io.js', 'no top-level domain'],
    ['ver.2.3.1', 'a version'],
    ['20.10.0', 'a version'],
    // social handles
    ['@marumaru.dev', 'a handle after @'],
    ['インスタ@coco.shop', 'a handle after @'],
    ['nagomi.photo_', 'a host glued to a word character'],
    ['coco.craft', 'no top-level domain'],
    ['sakura.n77', 'no top-level domain'],
    ['kotaro.s.art', '"art" is not a bare top-level domain'],
    ['#kinari.jp', 'a hashtag'],
    // e-mail addresses are the email detector's
    ['m.arai.work@gmail.com', 'an e-mail domain'],
    ['mailto:m.arai.work@gmail.com', 'a mailto: link'],
    ['a.cc-taro..hana@docomo.ne.jp', 'the start of a carrier-style address'],
    // local, placeholder and malformed hosts
    ['http://localhost:3000/admin', 'localhost'],
    ['http://127.0.0.1:8080', 'loopback'],
    ['http://192.168.0.10/', 'private network'],
    ['https://dev.internal/x', 'private name'],
    ['postgres://app:app@localhost:5432/app', 'a database URL'],
    ['https://example.com/sample', 'reserved for examples'],
    ['www.example.jp', 'reserved for examples'],
    ['hppt://haruka-design.net', 'an unknown scheme'],
    ['path:to:file.pm', 'a path'],
    ['haruka-design.net:500000', 'an impossible port'],
    ['http://-haruka.net', 'a label starting with a hyphen'],
    ['e.g. no.1 は1.5倍 mr.children', 'abbreviations'],
    ['ありがとうございます。よろしくお願いします。', 'no link at all'],
  ])('finds no link in %s (%s)', (text) => {
    expect(find(text)).toEqual([]);
  });

  // Texts made of the characters links, addresses and handles are built from.
  const linkish = fc.string({
    unit: fc.constantFrom('a', 'b', 'x', 'w', 'h', 't', 'p', 's', 'c', 'o', 'm', 'j', 'e', '0', '7', '.', '/', ':', '@', '-', '_', '(', ')', '"', '%', '#', '?', '=', ' ', '。', 'に', '→', '🍓'),
    maxLength: 48,
  });

  it('reports spans inside the text, in order, never overlapping', () => {
    fc.assert(fc.property(linkish, (text) => {
      const input = { normalized: identityMapped(text), original: text, context: 'message' as const };
      let previousEnd = 0;
      for (const c of urlDetector.create({}, env).find(input)) {
        expect(c.start).toBeGreaterThanOrEqual(previousEnd);
        expect(c.end).toBeGreaterThan(c.start);
        expect(c.end).toBeLessThanOrEqual(text.length);
        previousEnd = c.end;
      }
    }));
  });

  it('never reports the domain of an e-mail address the email detector finds', () => {
    const address = fc.tuple(fc.constantFrom('m.arai', 'hana_works', 'a+b', 'taro..hana'), fc.constantFrom('gmail.com', 'docomo.ne.jp', 'kagayaki-sekkei.jp'));
    fc.assert(fc.property(linkish, address, linkish, (before, [local, domain], after) => {
      const text = `${before}${local}@${domain}${after}`;
      const input = { normalized: identityMapped(text), original: text, context: 'message' as const };
      const emails = emailDetector.create({}, env).find(input);
      for (const link of urlDetector.create({}, env).find(input)) {
        expect(emails.filter((e) => link.start < e.end && e.start < link.end)).toEqual([]);
      }
    }));
  });

  describe('options', () => {
    it.each<[string, UrlOptions, string, [string, string][]]>([
      ['domains keeps only those hosts and their subdomains', { domains: ['line.me', 'lin.ee'] }, 'line.me/ti/p/x と bit.ly/abc と liff.line.me/123', [
        ['line.me/ti/p/x', 'http://line.me/ti/p/x'],
        ['liff.line.me/123', 'http://liff.line.me/123'],
      ]],
      ['a listed domain is a link whatever bareTlds says', { domains: ['linktr.ee'], bareTlds: ['com'] }, 'linktr.ee/momo', [['linktr.ee/momo', 'http://linktr.ee/momo']]],
      ['allowDomains never reports those hosts', { allowDomains: ['coconala.com'] }, 'https://coconala.com/services/1 https://sub.coconala.com/x', []],
      ['allowDomains replaces the reserved example domains', { allowDomains: ['coconala.com'] }, 'https://example.com/sample', [['https://example.com/sample', 'https://example.com/sample']]],
      ['bareTlds replaces the default list', { bareTlds: ['ws'] }, 'a.ws と bit.ly/x', [['a.ws', 'http://a.ws']]],
      ['bareTlds entries may have two labels', { bareTlds: ['co.jp'] }, 'shop.co.jp と haruka.jp', [['shop.co.jp', 'http://shop.co.jp']]],
      ['bareTlds does not apply to links with a scheme', { bareTlds: [] }, 'https://haruka.ws/x', [['https://haruka.ws/x', 'https://haruka.ws/x']]],
      ['excludeLocalhost: false reports local hosts', { excludeLocalhost: false }, 'http://localhost:3000/admin', [['http://localhost:3000/admin', 'http://localhost:3000/admin']]],
    ])('%s', (_, options, text, expected) => {
      expect(find(text, options)).toEqual(expected);
    });

    it.each([
      [{}, true],
      [{ domains: ['line.me'], allowDomains: [], bareTlds: ['com'], excludeLocalhost: false }, true],
      [{ domains: [] }, false],
      [{ allowDomains: ['https://coconala.com'] }, false],
      [{ bareTld: ['com'] }, false],
    ])('schema accepts %j: %s', (options, valid) => {
      expect(Value.Check(urlDetector.meta.optionsSchema, options)).toBe(valid);
    });
  });
});

describe('nextLinkSpot', () => {
  const SPOT = /\/\/|www\.|\.(?:[a-z]|[^\x00-\x7f])/gi;

  it.each([
    ['bit.ly', 0, 3],
    ['4.18.6 と v2.0', 0, -1],
    ['see www.4.18', 0, 4],
    ['WWW.X', 0, 0],
    ['wwww.', 0, 1],
    ['ww.x', 0, 2],
    ['www.x', 1, 3],
    ['a//b.c', 0, 1],
    ['x.com//', 0, 1],
    ['1.あ', 0, 1],
    ['end.', 0, -1],
  ])('%j from %i: %i', (text, from, spot) => {
    expect(nextLinkSpot(text, from)).toBe(spot);
  });

  it('finds what the regex it replaces finds, from any position (property)', () => {
    const unit = fc.constantFrom('.', '/', 'w', 'W', 'a', 'Z', '1', '_', 'あ', ' ', '。', '\ud83d\ude00');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 24 }).map((units) => units.join('')), fc.nat(26), (text, from) => {
        SPOT.lastIndex = from;
        expect(nextLinkSpot(text, from)).toBe(SPOT.exec(text)?.index ?? -1);
      }),
      { numRuns: 5000 },
    );
  });
});
