import { readFile } from 'node:fs/promises';
import * as z from '../platform/zod';
import type { InventoryInput } from './catalog';
import { matchesPlan } from './catalog';
import { CAPABILITIES, NUMBER_TYPES } from './entities/inventory-number';
import { stockNumbers } from './inventory';
import { isCountryCode } from './phone';

/**
 * Inventory import: numbers provisioned in End User Messaging (or any carrier) enter the
 * marketplace or the verification pool from a CSV file. Works against AWS (TABLE_NAME and AWS
 * credentials in the environment) and against the local runtime (TABLE_NAME, DYNAMODB_ENDPOINT):
 *
 *   npx tsx shared/numbers/import.ts numbers.csv           # marketplace
 *   npx tsx shared/numbers/import.ts pool.csv --pool       # verification pool
 *
 * Header row required:
 *   phoneNumber,country,region,type,capabilities,monthlyPriceCents,setupPriceCents[,providerId]
 *   +14155550123,US,CA,local,sms|mms|voice,115,0,phone-0123456789abcdef
 * Every row is validated (E.164 valid per libphonenumber-js, of that country and line type)
 * before anything is written; numbers already in the inventory are skipped, so re-running is safe.
 */
const row = /* @__PURE__ */ z.object({
  phoneNumber: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.trim()),
  country: /* @__PURE__ */ z
    .pipe(
      z.string().check(z.trim()),
      z.transform((v: string) => v.toUpperCase()),
    )
    .check(
      /* @__PURE__ */ z.refine(isCountryCode, { message: 'country must be an ISO 3166-1 alpha-2 code' }),
    ),
  region: /* @__PURE__ */ z.pipe(
    /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.trim(), /* @__PURE__ */ z.maxLength(100)),
    /* @__PURE__ */ z.transform((v: string) => (v === '' ? undefined : v)),
  ),
  type: /* @__PURE__ */ z.enum(NUMBER_TYPES),
  capabilities: /* @__PURE__ */ z.pipe(
    /* @__PURE__ */ z.pipe(
      /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.trim()),
      /* @__PURE__ */ z.transform((v: string) => v.split('|').map((c) => c.trim())),
    ),
    /* @__PURE__ */ z.array(z.enum(CAPABILITIES)).check(/* @__PURE__ */ z.minLength(1)),
  ),
  monthlyPriceCents: /* @__PURE__ */ z.coerce
    .number()
    .check(/* @__PURE__ */ z.int(), /* @__PURE__ */ z.minimum(0), /* @__PURE__ */ z.maximum(1_000_000)),
  setupPriceCents: /* @__PURE__ */ z.coerce
    .number()
    .check(/* @__PURE__ */ z.int(), /* @__PURE__ */ z.minimum(0), /* @__PURE__ */ z.maximum(1_000_000)),
  providerId: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.trim(), /* @__PURE__ */ z.maxLength(200)),
  ),
});

export interface ImportRow extends InventoryInput {
  readonly providerId?: string;
}

/** Splits one CSV line; double-quoted fields may contain commas and doubled quotes. */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i]!;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}

/** Parses and validates an inventory CSV; throws one error listing every bad row. */
export function parseInventoryCsv(text: string): ImportRow[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.trim());
  const problems: string[] = [];
  const rows: ImportRow[] = [];
  const seen = new Set<string>();
  for (const [index, line] of lines.slice(1).entries()) {
    const values = splitCsvLine(line);
    const record = Object.fromEntries(header.map((name, i) => [name, values[i] ?? '']));
    const parsed = row.safeParse(record);
    const lineNo = index + 2;
    if (!parsed.success) {
      problems.push(
        `line ${lineNo}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
      continue;
    }
    const r = parsed.data;
    if (!matchesPlan(r.phoneNumber, r.country, r.type)) {
      problems.push(`line ${lineNo}: ${r.phoneNumber} is not a valid ${r.country} ${r.type} number`);
      continue;
    }
    if (seen.has(r.phoneNumber)) {
      problems.push(`line ${lineNo}: ${r.phoneNumber} appears twice`);
      continue;
    }
    seen.add(r.phoneNumber);
    rows.push({
      phoneNumber: r.phoneNumber,
      country: r.country,
      type: r.type,
      capabilities: r.capabilities,
      monthlyPriceCents: r.monthlyPriceCents,
      setupPriceCents: r.setupPriceCents,
      ...(r.region ? { region: r.region } : {}),
      ...(r.providerId ? { providerId: r.providerId } : {}),
    });
  }
  if (problems.length > 0) throw new Error(`Invalid inventory file:\n${problems.join('\n')}`);
  return rows;
}

export async function importInventory(file: string, pool: boolean) {
  const rows = parseInventoryCsv(await readFile(file, 'utf8'));
  const providerIds = new Map(
    rows.flatMap((r) => (r.providerId ? [[r.phoneNumber, r.providerId] as const] : [])),
  );
  return stockNumbers(rows, pool ? 'verification-pool' : 'available', { source: 'import', providerIds });
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    process.stderr.write('usage: npx tsx shared/numbers/import.ts <file.csv> [--pool]\n');
    process.exit(2);
  }
  importInventory(file, args.includes('--pool')).then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
