// The 22 ballot cases of fixtures/ballot-cases.json: each selection attributed as expected.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attribute, parseElection, selectionSchema, validate, validateShaped, type Election } from '../src/index.js';

const FIXTURES = new URL('../../../fixtures/', import.meta.url);
interface Case {
  id: string;
  election: string;
  contest: string;
  selection: unknown;
  expected: Record<string, unknown> & { outcome: string };
  verified: boolean;
  note?: string;
}
const { cases } = JSON.parse(readFileSync(new URL('ballot-cases.json', FIXTURES), 'utf8')) as { cases: Case[] };
const elections = new Map<string, Election>();
const contestOf = (c: Case) => {
  if (!elections.has(c.election)) {
    const parsed = parseElection(readFileSync(new URL(c.election, FIXTURES)));
    if (!parsed.ok) throw new Error(`${c.election} is invalid`);
    elections.set(c.election, parsed.value);
  }
  return elections.get(c.election)!.contests.find((k) => k.id === c.contest)!;
};

describe('ballot cases', () => {
  it('are all 22 here', () => expect(cases).toHaveLength(22));

  it.each(cases.map((c) => [`${c.id}${c.verified ? '' : ' (assumed rule)'}`, c] as const))('%s', (_name, c) => {
    expect(attribute(contestOf(c), c.selection)).toEqual(c.expected);
  });

  it('the booth refuses exactly the selections the seat would void or invalidate', () => {
    for (const c of cases) {
      const result = validate(contestOf(c), c.selection);
      const clean = c.expected.outcome !== 'invalid' && ((c.expected.voidedPreferences as unknown[] | undefined) ?? []).length === 0;
      expect([c.id, result.ok]).toEqual([c.id, clean]);
    }
  });

  it("a selection already of its contest's shape is judged the same without the schema run again (the verifier's path)", () => {
    let shaped = 0;
    for (const c of cases) {
      const parsed = selectionSchema(contestOf(c)).safeParse(c.selection);
      if (!parsed.success) continue;
      shaped++;
      expect([c.id, validateShaped(contestOf(c), parsed.data)]).toEqual([c.id, validate(contestOf(c), c.selection)]);
    }
    expect(shaped).toBeGreaterThan(15);
  });
});
