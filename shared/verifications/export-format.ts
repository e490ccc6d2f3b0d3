import type { VerificationItem } from './entities/verification';
import type { ExportFormat } from './entities/verification-export';

/**
 * Export rendering. CSV follows RFC 4180: CRLF line ends, a header row, fields quoted when they
 * contain a comma, a double quote, CR or LF, inner quotes doubled. Cells are also neutralised
 * against spreadsheet formula injection (OWASP "CSV injection"): a cell starting with = + - @,
 * tab or CR is prefixed with a single quote so Excel / Sheets / LibreOffice show it as text.
 * SMS bodies are attacker-controlled (anyone can text a pool number), and although they are not
 * exported, every cell gets the same treatment so a future column cannot forget it.
 */
export const EXPORT_COLUMNS = [
  'id',
  'service',
  'phoneNumber',
  'status',
  'finalCode',
  'priceCents',
  'createdAt',
  'expiresAt',
  'completedAt',
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];
export type ExportRow = Record<ExportColumn, string | number | null>;

export function toExportRow(item: VerificationItem): ExportRow {
  return {
    id: item.verificationId,
    service: item.service,
    phoneNumber: item.phoneNumber,
    status: item.status,
    finalCode: item.finalCode ?? null,
    priceCents: item.priceCents,
    createdAt: item.createdAt,
    expiresAt: item.expiresAt,
    completedAt: item.completedAt ?? null,
  };
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV cell: formula-neutralised, then RFC 4180 quoted if needed. Numbers are written as is. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const csvLine = (cells: ReadonlyArray<string | number | null | undefined>): string =>
  `${cells.map(csvCell).join(',')}\r\n`;

export function toCsv(rows: readonly ExportRow[]): string {
  let out = csvLine(EXPORT_COLUMNS);
  for (const row of rows) out += csvLine(EXPORT_COLUMNS.map((column) => row[column]));
  return out;
}

/** JSON export: an array of rows with the CSV's columns (values unmodified: JSON has no formulas). */
export const toJsonExport = (rows: readonly ExportRow[]): string => `${JSON.stringify(rows, null, 2)}\n`;

export const CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

export function renderExport(format: ExportFormat, items: readonly VerificationItem[]): string {
  const rows = items.map(toExportRow);
  return format === 'csv' ? toCsv(rows) : toJsonExport(rows);
}

export const exportFileName = (format: ExportFormat, at: Date = new Date()): string =>
  `verifications-${at.toISOString().slice(0, 10)}.${format}`;
