import type { VerificationItem } from '../../../shared/verifications/entities/verification';
import {
  csvCell,
  csvLine,
  EXPORT_COLUMNS,
  renderExport,
  toCsv,
  toExportRow,
} from '../../../shared/verifications/export-format';

/** Minimal RFC 4180 parser, to check that what we write reads back to the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

const item = (overrides: Partial<VerificationItem> = {}): VerificationItem => ({
  verificationId: 'vrf_01JZ0000000000000000000000',
  userId: 'usr_1',
  service: 'telegram',
  country: 'US',
  phoneNumber: '+16465550123',
  status: 'completed',
  priceCents: 25,
  createdAt: '2026-11-23T10:00:00.000Z',
  expiresAt: '2026-11-23T10:15:00.000Z',
  expiryShard: '1',
  codes: [],
  codeCount: 1,
  finalCode: '730155',
  completedAt: '2026-11-23T10:05:00.000Z',
  updatedAt: '2026-11-23T10:05:00.000Z',
  ...overrides,
});

describe('CSV cells (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['cr\rinside', '"cr\rinside"'],
    ['', ''],
  ])('%j -> %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('writes numbers as numbers and empty cells for null', () => {
    expect(csvCell(25)).toBe('25');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });
});

describe('CSV formula injection', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ['+1+cmd|" /C calc"!A0', `"'+1+cmd|"" /C calc""!A0"`],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['+14155550123', "'+14155550123"],
  ])('%j is neutralised', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('leaves cells that merely contain those characters alone', () => {
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('user@example.com')).toBe('user@example.com');
    expect(csvCell('2026-11-23T10:00:00.000Z')).toBe('2026-11-23T10:00:00.000Z');
  });

  it('round-trips hostile cells through an RFC 4180 reader as inert text', () => {
    const hostile = ['=1+1', 'a,"b"\r\nc', '@x', '-1', 'ok'];
    const [parsed] = parseCsv(csvLine(hostile));
    expect(parsed).toEqual(["'=1+1", 'a,"b"\r\nc', "'@x", "'-1", 'ok']);
    for (const cell of parsed ?? []) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe('export documents', () => {
  it('CSV: the header row, then one CRLF-terminated row per verification', () => {
    const csv = toCsv([
      toExportRow(item()),
      toExportRow(item({ status: 'pending', finalCode: undefined, completedAt: undefined })),
    ]);
    const rows = parseCsv(csv);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(rows[0]).toEqual([...EXPORT_COLUMNS]);
    expect(rows[0]?.join(',')).toBe(
      'id,service,phoneNumber,status,finalCode,priceCents,createdAt,expiresAt,completedAt',
    );
    expect(rows[1]).toEqual([
      'vrf_01JZ0000000000000000000000',
      'telegram',
      "'+16465550123",
      'completed',
      '730155',
      '25',
      '2026-11-23T10:00:00.000Z',
      '2026-11-23T10:15:00.000Z',
      '2026-11-23T10:05:00.000Z',
    ]);
    expect(rows[2]?.[4]).toBe('');
    expect(rows[2]?.[8]).toBe('');
    expect(rows).toHaveLength(3);
  });

  it('CSV of nothing is just the header', () => {
    expect(renderExport('csv', [])).toBe(`${EXPORT_COLUMNS.join(',')}\r\n`);
  });

  it('JSON: the same columns, values untouched', () => {
    const parsed = JSON.parse(renderExport('json', [item()])) as Array<Record<string, unknown>>;
    expect(parsed).toEqual([
      {
        id: 'vrf_01JZ0000000000000000000000',
        service: 'telegram',
        phoneNumber: '+16465550123',
        status: 'completed',
        finalCode: '730155',
        priceCents: 25,
        createdAt: '2026-11-23T10:00:00.000Z',
        expiresAt: '2026-11-23T10:15:00.000Z',
        completedAt: '2026-11-23T10:05:00.000Z',
      },
    ]);
  });
});
