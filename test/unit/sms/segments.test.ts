import { isGsm7, segmentCount, segmentSms } from '../../../shared/sms/segments';

describe('segmentSms', () => {
  it.each([
    ['empty', '', 'GSM-7', 1, 0],
    ['one char', 'a', 'GSM-7', 1, 1],
    ['160 GSM-7 chars', 'a'.repeat(160), 'GSM-7', 1, 160],
    ['161 GSM-7 chars', 'a'.repeat(161), 'GSM-7', 2, 161],
    ['306 GSM-7 chars (2 x 153)', 'a'.repeat(306), 'GSM-7', 2, 306],
    ['307 GSM-7 chars', 'a'.repeat(307), 'GSM-7', 3, 307],
    ['70 UCS-2 chars', 'é'.repeat(69) + 'ж', 'UCS-2', 1, 70],
    ['71 UCS-2 chars', 'ж'.repeat(71), 'UCS-2', 2, 71],
    ['134 UCS-2 chars (2 x 67)', 'ж'.repeat(134), 'UCS-2', 2, 134],
    ['135 UCS-2 chars', 'ж'.repeat(135), 'UCS-2', 3, 135],
  ])('%s', (_name, body, encoding, segments, units) => {
    const result = segmentSms(body);

    expect(result).toMatchObject({ encoding, segments, units });
    expect(result.parts.join('')).toBe(body);
  });

  it('keeps the whole GSM-7 basic table, accents included, in GSM-7', () => {
    const body = '@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!"#¤%&\'()*+,-./:;<=>?¡ÄÖÑÜ§¿äöñüà\n\r';

    expect(isGsm7(body)).toBe(true);
    expect(segmentSms(body).units).toBe([...body].length);
  });

  it.each(['ç', 'á', 'ê', '`', 'Ж', '中', '’', '😀'])('switches to UCS-2 for %s', (char) => {
    expect(segmentSms(`Hello ${char}`).encoding).toBe('UCS-2');
  });

  it.each(['€', '[', ']', '{', '}', '^', '~', '\\', '|', '\f'])(
    'counts the extension character %j as two septets',
    (char) => {
      const result = segmentSms(char);

      expect(result).toMatchObject({ encoding: 'GSM-7', units: 2, segments: 1 });
    },
  );

  it('puts 80 euro signs (160 septets) in one part and 81 in two', () => {
    expect(segmentSms('€'.repeat(80))).toMatchObject({ units: 160, segments: 1 });
    expect(segmentSms('€'.repeat(81))).toMatchObject({ units: 162, segments: 2 });
  });

  it('never splits an extension character across parts', () => {
    // 152 septets of text then '€' (2 septets): the euro sign cannot fit in part 1 (153).
    const body = `${'a'.repeat(152)}€${'b'.repeat(10)}`;

    const result = segmentSms(body);

    expect(result.segments).toBe(2);
    expect(result.parts[0]).toBe('a'.repeat(152));
    expect(result.parts[1]).toBe(`€${'b'.repeat(10)}`);
  });

  it('counts an emoji as two UCS-2 code units', () => {
    expect(segmentSms('😀')).toMatchObject({ encoding: 'UCS-2', units: 2, segments: 1 });
    expect(segmentSms('😀'.repeat(35))).toMatchObject({ units: 70, segments: 1 });
    expect(segmentSms('😀'.repeat(36))).toMatchObject({ units: 72, segments: 2 });
  });

  it('never splits a surrogate pair across parts', () => {
    // 66 code units then an emoji (2 units): the emoji starts part 2.
    const body = `${'ж'.repeat(66)}😀${'ж'.repeat(10)}`;

    const result = segmentSms(body);

    expect(result.segments).toBe(2);
    expect(result.parts[0]).toBe('ж'.repeat(66));
    expect(result.parts[1]!.startsWith('😀')).toBe(true);
    for (const part of result.parts) expect(part.isWellFormed()).toBe(true);
  });

  it('keeps combined emoji (ZWJ sequences, flags) whole per code point', () => {
    const family = '👨‍👩‍👧';
    const result = segmentSms(`${family}🇩🇪`);

    expect(result.units).toBe(family.length + 4);
    expect(result.segments).toBe(1);
  });

  it('every part fits its budget', () => {
    const body = `${'Grüße € [x] '.repeat(40)}ok`;
    const result = segmentSms(body);
    const septets = (s: string) => [...s].reduce((n, c) => n + ('€[]{}^~\\|\f'.includes(c) ? 2 : 1), 0);

    expect(result.encoding).toBe('GSM-7');
    for (const part of result.parts) expect(septets(part)).toBeLessThanOrEqual(153);
    expect(segmentCount(body)).toBe(result.parts.length);
  });
});
