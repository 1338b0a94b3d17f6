// The section roll as the president imports it: a CSV of number, surname, name, sex, category.
import { CATEGORIES, textProblem, type Election } from '@seggio/ballot-core';
import { err, ok, type Result } from '@seggio/crypto';
import type { RollEntry } from './store.js';

const HEADER = ['number', 'surname', 'name', 'sex', 'category'];
const MAX_ROWS = 5000;

/** Splits one CSV line on `;` or `,`, honouring double quotes ("" inside quotes is a quote). */
function fields(line: string, separator: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
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

export function parseRoll(file: string, text: string, election: Election): Result<Omit<RollEntry, 'session' | 'voted'>[], string[]> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) return err([`${file}: is empty; the first line must be ${HEADER.join(';')}`]);
  const separator = lines[0]!.includes(';') ? ';' : ',';
  const header = fields(lines[0]!, separator).map((h) => h.toLowerCase());
  if (header.join() !== HEADER.join()) return err([`${file}: line 1 must be the header ${HEADER.join(separator)}, not ${lines[0]}`]);
  if (lines.length - 1 > MAX_ROWS) return err([`${file}: has ${lines.length - 1} electors; a section roll has at most ${MAX_ROWS}`]);
  const admitted = new Set(election.contests.flatMap((c) => c.eligibility));
  const problems: string[] = [];
  const entries: Omit<RollEntry, 'session' | 'voted'>[] = [];
  const seen = new Set<number>();
  lines.slice(1).forEach((line, i) => {
    const at = `${file}: line ${i + 2}`;
    const all = fields(line, separator);
    if (all.length !== HEADER.length) {
      problems.push(`${at}: has ${all.length} fields; ${HEADER.length} are expected (${HEADER.join(', ')})`);
      return;
    }
    const [number, surname, name, sex, category] = all as [string, string, string, string, string];
    const before = problems.length;
    const n = Number(number);
    if (!/^\d{1,6}$/.test(number) || n < 1) problems.push(`${at}: number "${number}" must be a whole number from 1`);
    else if (seen.has(n)) problems.push(`${at}: number ${n} appears twice`);
    for (const [field, value] of [['surname', surname], ['name', name]] as const) {
      const problem = value ? (value.length > 80 ? 'is longer than 80 characters' : textProblem(value)) : 'is empty';
      if (problem) problems.push(`${at}: ${field} ${problem}`);
    }
    if (sex !== 'M' && sex !== 'F') problems.push(`${at}: sex "${sex}" must be M or F`);
    if (!CATEGORIES.includes(category as (typeof CATEGORIES)[number])) problems.push(`${at}: category "${category}" must be one of ${CATEGORIES.join(', ')}`);
    else if (!admitted.has(category as (typeof CATEGORIES)[number])) problems.push(`${at}: category ${category} votes in no contest of this election`);
    if (problems.length === before) {
      seen.add(n);
      entries.push({ number: n, surname, name, sex: sex as 'M' | 'F', category });
    }
  });
  return problems.length ? err(problems.slice(0, 100)) : ok(entries);
}
