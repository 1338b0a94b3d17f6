// The section roll as the president imports it: a CSV of numero, cognome, nome, sesso, categoria, the
// Italian column names of the office's spreadsheets (docs/design.md, "The section roll"); the English
// number, surname, name, sex, category are read too, as rolls written before were.
import { CATEGORIES, textProblem, type Election } from '@seggio/ballot-core';
import { err, ok, type Result } from '@seggio/crypto';
import { refusal, type Refusal } from '../shared/refusals.js';
import type { RollEntry } from './store.js';

const HEADER = ['numero', 'cognome', 'nome', 'sesso', 'categoria'];
const ENGLISH_HEADER = ['number', 'surname', 'name', 'sex', 'category'];
const MAX_ROWS = 5000;

/** Splits one CSV line on `;` or `,`, honouring double quotes ("" inside quotes is a quote). */
function fields(line: string, separator: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    if (quoted && c === '"' && line[i + 1] === '"') {
      current += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (c === separator && !quoted) {
      out.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  out.push(current);
  return out.map((f) => f.trim());
}

export function parseRoll(file: string, text: string, election: Election): Result<Omit<RollEntry, 'session' | 'voted'>[], Refusal[]> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const first = lines[0];
  if (first === undefined) return err([refusal('roll-file-empty', { file, header: HEADER.join(';') })]);
  const separator = first.includes(';') ? ';' : ',';
  const header = fields(first, separator).map((h) => h.toLowerCase());
  const named = [HEADER, ENGLISH_HEADER].find((h) => h.join() === header.join());
  if (!named) return err([refusal('roll-header', { file, header: HEADER.join(separator), found: first })]);
  if (lines.length - 1 > MAX_ROWS) return err([refusal('roll-too-long', { file, count: lines.length - 1, max: MAX_ROWS })]);
  const admitted = new Set(election.contests.flatMap((c) => c.eligibility));
  const problems: Refusal[] = [];
  const entries: Omit<RollEntry, 'session' | 'voted'>[] = [];
  const seen = new Set<number>();
  lines.slice(1).forEach((line, i) => {
    const at = { file, line: i + 2 };
    const all = fields(line, separator);
    if (all.length !== HEADER.length) {
      problems.push(refusal('roll-fields', { ...at, fields: all.length, expected: named.length, header: named.join(', ') }));
      return;
    }
    const [number, surname, name, sex, category] = all as [string, string, string, string, string];
    const before = problems.length;
    const n = Number(number);
    if (!/^\d{1,6}$/.test(number) || n < 1) problems.push(refusal('roll-number', { ...at, number }));
    else if (seen.has(n)) problems.push(refusal('roll-number-twice', { ...at, number: n }));
    for (const [field, value] of [['surname', surname], ['name', name]] as const) {
      const problem = value ? (value.length > 80 ? null : textProblem(value)) : null;
      if (!value) problems.push(refusal('roll-field-empty', { ...at, field }));
      else if (value.length > 80) problems.push(refusal('roll-field-long', { ...at, field }));
      else if (problem) problems.push(refusal('roll-field-text', { ...at, field, problem }));
    }
    if (sex !== 'M' && sex !== 'F') problems.push(refusal('roll-sex', { ...at, value: sex }));
    if (!CATEGORIES.includes(category as (typeof CATEGORIES)[number])) problems.push(refusal('roll-category', { ...at, value: category, categories: CATEGORIES.join(', ') }));
    else if (!admitted.has(category as (typeof CATEGORIES)[number])) problems.push(refusal('roll-category-unused', { ...at, category }));
    if (problems.length === before) {
      seen.add(n);
      entries.push({ number: n, surname, name, sex: sex as 'M' | 'F', category });
    }
  });
  return problems.length ? err(problems.slice(0, 100)) : ok(entries);
}
