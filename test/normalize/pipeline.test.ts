import { describe, expect, it } from 'vitest';
import { NORMALIZATION_STEPS, normalize, normalizeLiteral, originalSpan } from '../../src/normalize/index.js';

describe('normalize', () => {
  it('runs the steps in the documented order', () => {
    expect(NORMALIZATION_STEPS.map((step) => step.name)).toEqual([
      'stripFormatCharacters',
      'foldWidth',
      'foldCase',
      'foldConfusables',
      'foldDigitLookalikes',
      'foldKana',
      'decodeSpelledSymbols',
      'joinSpacedCharacters',
      'joinSeparatedLetters',
      'decodeNumberWords',
      'foldBrandConfusables',
    ]);
  });

  it.each([
    // LINE in disguise
    ['L I N E のIDは「kanon」です', 'line のidは「kanon」です'],
    ['ＬＩＮＥ：ｋｅｎｔａ８８', 'line:kenta88'],
    ['ﾗｲﾝ→mika_n8', 'らいん→mika_n8'],
    ['ライン、らいん、ﾗｲﾝ', 'らいん、らいん、らいん'],
    ['𝐋𝐈𝐍𝐄：𝚑𝚒𝚗𝚊𝚝𝚊_𝟷𝟶', 'line:hinata_10'],
    ['L🌸I🌸N🌸E', 'line'],
    ['ら・い・ん の ID は yuzu_pon3', 'らいんの id は yuzu_pon3'],
    ['L\u200BI\u200BN\u200BE', 'line'],
    ['LІNЕ (Cyrillic І, Е)', 'line (cyrillic i, e)'],
    ['ʟɪɴᴇ', 'line'],
    ['L1NE か |ine か lin3', 'line か line か line'],
    ['ｌ・１・ｎ・ｅ', 'line'],
    ['ら\nい\nん\nで\n話\nそ\nう\ni\nd\nmomo_42r', 'らいんで話そうid\nmomo_42r'],
    ['D🔹i🔹s🔹c🔹o🔹r🔹d', 'discord'],
    ['Z00M で', 'zoom で'],
    // e-mail addresses
    ['tomo.h0721 あっと gmail どっと com に送ってね', 'tomo.h0721@gmail.com に送ってね'],
    ['kenji 点 oda アット yahoo 点 co 点 jp', 'kenji.oda@yahoo.co.jp'],
    ['✉ koharu12〔at〕yahoo〔dot〕co〔dot〕jp', '✉ koharu12@yahoo.co.jp'],
    ['natsume_sho(あっと)icloud(てん)com', 'natsume_sho@icloud.com'],
    ['nao-sketch(アット)gmail(ドット)com', 'nao-sketch@gmail.com'],
    ['連絡先：shiro_neko アットマーク outlook.jp', '連絡先:shiro_neko@outlook.jp'],
    ['📩 kotonoha.writing★gmail.com（★を@に変えてください）', '📩 kotonoha.writing@gmail.com(★を@に変えてください)'],
    ['miorin_98 🌀 gmail 🌀 com（🌀を@と.に置き換えてね）', 'miorin_98@gmail.com(🌀を@と.に置き換えてね)'],
    ['r y o k o . s 9 @ g m a i l . c o m', 'ryoko.s9@gmail.com'],
    ['お問い合わせ：ｒ．ｉｗａｓａｋｉ＠ｔｏｍｏｒｉ－ｗｅｂ．ｊｐ', 'お問い合わせ:r.iwasaki@tomori-web.jp'],
    ['ぜろきゅうぜろ あっと gmail', '090@gmail'],
    // phone numbers
    ['電話：０８０‐７１６２‐３３４９', '電話:080-7162-3349'],
    ['0 9 0 2 2 3 4 8 8 1 9', '09022348819'],
    ['お急ぎの場合は 〇九〇‐五五二一‐八三七四 まで', 'お急ぎの場合は 090-5521-8374 まで'],
    ['ぜろきゅうぜろ よんよんろくぜろ にーはちいちきゅう に掛けてください', '090 4460 2819 に掛けてください'],
    ['ゼロ・キュー・ゼロ、ハチ・ハチ・イチ・ゴ', '090、8815'],
    ['090-ご1八3-ななよん9ぜろ', '090-5183-7490'],
    ['電話：零九零‐参弐壱七‐伍伍八〇', '電話:090-3217-5580'],
    ['⓪⑦⓪-④②⑧⑧-①⑨⑤③ ここにSMSください', '070-4288-1953 ここにsmsください'],
    ['0️⃣9️⃣0️⃣ 1️⃣2️⃣8️⃣8️⃣ 6️⃣4️⃣0️⃣2️⃣ に電話してね', '090 1288 6402 に電話してね'],
    ['0・9・0', '090'],
    // links
    ['drive . google . com / drive / folders / 1Qw3eRtY7uIo', 'drive.google.com/drive/folders/1qw3erty7uio'],
    ['h t t p s : / / yuzuriha-lab . com / price', 'https://yuzuriha-lab.com/price'],
    ['zoom . us / j / 9 4 8 1', 'zoom.us/j/9481'],
    ['line . me / ti / p / 7hQz-Lm2Rk', 'line.me/ti/p/7hqz-lm2rk'],
    ['paypal . me / aozora_fx', 'paypal.me/aozora_fx'],
    // QR codes and other words
    ['Q R コード', 'qr こーど'],
    ['Q🔸R🔸コード（アイコン）から登録してね', 'qrこーど(あいこん)から登録してね'],
    ['c o c o n a l a を通さない', 'coconala を通さない'],
    ['きゅーあーるこーど　よみこんでね', 'きゅーあーるこーど よみこんでね'],
  ])('%s', (input, expected) => {
    expect(normalize(input).text).toBe(expected);
  });

  it.each([
    ['I am a boy', 'i am a boy'],
    ['あっという間に完成しましたね！', 'あっという間に完成しましたね!'],
    ['ドット柄のワンピース', 'どっと柄のわんぴーす'],
    ['ドットの間隔は8pxにしました', 'どっとの間隔は8pxにしました'],
    ['ご確認ください', 'ご確認ください'],
    ['にさん日お待ちください', 'にさん日お待ちください'],
    ['いちごのケーキ', 'いちごのけーき'],
    ['〇〇さん', '〇〇さん'],
    ['二次元コード', '二次元こーど'],
    ['ゼロから作り直します', 'ぜろから作り直します'],
    ['さんにお願いしました', 'さんにお願いしました'],
    ['ryoko.s9@gmail.com', 'ryoko.s9@gmail.com'],
    ['t.hoshino@x.jp', 't.hoshino@x.jp'],
    ['ver.2.3.1', 'ver.2.3.1'],
    ['2024/11/20', '2024/11/20'],
    ['090-1234-5678', '090-1234-5678'],
    ['オンラインで完結します', 'おんらいんで完結します'],
    ['ラーメン', 'らーめん'],
    ['合計1,080円です', '合計1,080円です'],
    ['単価@350円×20枚で7,000円になります', '単価@350円×20枚で7,000円になります'],
    ['見出しのline-heightを1.4に調整しました', '見出しのline-heightを1.4に調整しました'],
    ['今日は 晴れ です', '今日は 晴れ です'],
  ])('keeps the meaning of ordinary text: %s', (input, expected) => {
    expect(normalize(input).text).toBe(expected);
  });

  it.each([
    // [original, normalized match, original match]
    ['ＬＩＮＥ：ｋｅｎｔａ８８', 'kenta88', 'ｋｅｎｔａ８８'],
    ['ID は L I N E で', 'line', 'L I N E'],
    ['連絡は tomo あっと gmail どっと com まで', 'tomo@gmail.com', 'tomo あっと gmail どっと com'],
    ['電話 ぜろきゅうぜろ-1234-5678 です', '090-1234-5678', 'ぜろきゅうぜろ-1234-5678'],
    ['𝐋𝐈𝐍𝐄 で', 'line', '𝐋𝐈𝐍𝐄'],
    ['ｶﾞｲﾄﾞﾗｲﾝ', 'らいん', 'ﾗｲﾝ'],
    ['L🌸I🌸N🌸E!', 'line', 'L🌸I🌸N🌸E'],
  ])('reports a match in %s at original offsets', (original, match, expected) => {
    const mapped = normalize(original);
    const start = mapped.text.indexOf(match);
    expect(start).toBeGreaterThanOrEqual(0);
    const [from, to] = originalSpan(mapped, start, start + match.length);
    expect(original.slice(from, to)).toBe(expected);
  });

  it('returns an empty map for an empty text', () => {
    const mapped = normalize('');
    expect(mapped.text).toBe('');
    expect(originalSpan(mapped, 0, 0)).toEqual([0, 0]);
  });
});

describe('normalizeLiteral', () => {
  it.each([
    ['ライン', 'らいん'],
    ['LINE', 'line'],
    ['ＱＲコード', 'qrこーど'],
    ['ガイド', 'がいど'],
    ['-height', '-height'],
    ['Gメール', 'gめーる'],
    ['ｼﾞｰﾒｰﾙ', 'じーめーる'],
  ])('reads %s the way scanned text is read', (literal, expected) => {
    expect(normalizeLiteral(literal)).toBe(expected);
    expect(normalize(`x ${literal} x`).text).toContain(expected);
  });
});
