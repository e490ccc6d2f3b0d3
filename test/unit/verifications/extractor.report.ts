/**
 * Accuracy report helpers shared by the training and held-out tests: accuracy, the naive
 * first-digit-run rule, confidence calibration, and the JSON report in test-output/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractCode } from '../../../shared/verifications/extractor';
import { naiveExtract } from './naive';

export interface ScoredCase {
  sms: string;
  expected: string | null;
  service?: string;
}

export interface Calibration {
  /** Share of answers with confidence >= 0.9 that are right. */
  precisionAt09: number;
  /** Answers with confidence >= 0.9 over messages that hold a code. */
  coverageAt09: number;
  /** Per band: answers given and answers right ("null" = no code returned). */
  bands: Record<string, { answers: number; correct: number }>;
}

export interface Figures {
  cases: number;
  extractor: { correct: number; accuracy: number };
  naive: { correct: number; accuracy: number };
  calibration: Calibration;
}

function band(code: string | null, confidence: number): string {
  if (code === null) return 'null';
  if (confidence >= 0.9) return '>=0.9';
  if (confidence >= 0.7) return '0.7-0.9';
  return '0.5-0.7';
}

/** Runs the extractor (without any sender hint) and the naive rule over `cases`. */
export function measure(cases: readonly ScoredCase[]): Figures {
  let correct = 0;
  let naive = 0;
  let withCode = 0;
  const bands: Calibration['bands'] = {};
  for (const c of cases) {
    const r = extractCode(c.sms);
    const ok = r.code === c.expected;
    if (ok) correct++;
    if (naiveExtract(c.sms) === c.expected) naive++;
    if (c.expected !== null) withCode++;
    const b = band(r.code, r.confidence);
    const slot = bands[b] ?? { answers: 0, correct: 0 };
    slot.answers++;
    if (ok) slot.correct++;
    bands[b] = slot;
  }
  const high = bands['>=0.9'] ?? { answers: 0, correct: 0 };
  return {
    cases: cases.length,
    extractor: { correct, accuracy: correct / cases.length },
    naive: { correct: naive, accuracy: naive / cases.length },
    calibration: {
      precisionAt09: high.answers === 0 ? 1 : high.correct / high.answers,
      coverageAt09: withCode === 0 ? 0 : high.answers / withCode,
      bands,
    },
  };
}

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

/** One readable line per figure set, for the console. */
export function summarise(label: string, f: Figures): string {
  return (
    `${label}: extractor ${pct(f.extractor.accuracy)} (${f.extractor.correct}/${f.cases}), ` +
    `naive ${pct(f.naive.accuracy)}; confidence >= 0.9 right ${pct(f.calibration.precisionAt09)} ` +
    `of the time, covering ${pct(f.calibration.coverageAt09)} of the messages with a code`
  );
}

const DIR = path.join(process.cwd(), 'test-output');
const SECTIONS = path.join(DIR, 'extractor-accuracy');

/**
 * Writes one section of test-output/extractor-accuracy.json. Each test writes its own section
 * file and then rebuilds the combined report from all section files, so tests running in
 * parallel workers never drop each other's figures.
 */
export function writeSection(name: string, data: unknown): void {
  fs.mkdirSync(SECTIONS, { recursive: true });
  fs.writeFileSync(path.join(SECTIONS, `${name}.json`), `${JSON.stringify(data, null, 2)}\n`);
  const report: Record<string, unknown> = {};
  for (const file of fs.readdirSync(SECTIONS).sort()) {
    if (!file.endsWith('.json')) continue;
    report[file.slice(0, -5)] = JSON.parse(fs.readFileSync(path.join(SECTIONS, file), 'utf8'));
  }
  fs.writeFileSync(path.join(DIR, 'extractor-accuracy.json'), `${JSON.stringify(report, null, 2)}\n`);
}
