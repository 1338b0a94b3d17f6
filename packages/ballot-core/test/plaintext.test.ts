import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, decodeBallotPlaintext, describeBallotProblem, encodeBallotPlaintext, parseElection, plaintextLength, validate, type Election, type Selection } from '../src/index.js';
import { parseStrictJson } from '../src/json.js';
import { canonicalFast } from '../src/plaintext.js';
import { politiche } from './politiche.js';

const load = (name: string): Election => {
  const parsed = parseElection(readFileSync(new URL(`../../../fixtures/${name}.election.json`, import.meta.url)));
  if (!parsed.ok) throw new Error(name);
  return parsed.value;
};
const digest = 'ab'.repeat(32);
const rivafonda = load('rivafonda-2020');
const municipal = rivafonda.contests[1]!;
const referendum = rivafonda.contests[0]!;

describe('ballot plaintext', () => {
  it('is the canonical JSON padded with spaces to the contest length', () => {
    const bytes = encodeBallotPlaintext(digest, referendum, { answer: 'NO' });
    const text = new TextDecoder().decode(bytes);
    expect(text.trimEnd()).toBe(`{"contest":"REF-2020-1","election":"${digest}","selection":{"answer":"YES"}}`.replace('YES', 'NO'));
    expect(bytes.length).toBe(plaintextLength(referendum));
    expect(text.slice(text.trimEnd().length)).toMatch(/^ +$/);
  });

  it('has one length for every selection of a contest, fitted to the longest', () => {
    const selections: Selection[] = [
      { blank: true },
      { mayor: 'S1', list: null, preferences: [] },
      { mayor: 'S1', list: 'L6', preferences: ['L6-C01', 'L6-C02'] },
    ];
    const lengths = selections.map((s) => encodeBallotPlaintext(digest, municipal, s).length);
    expect(new Set(lengths)).toEqual(new Set([plaintextLength(municipal)]));
    const longest = canonicalJson({ election: digest, contest: municipal.id, selection: { list: 'L1', mayor: 'S1', preferences: ['L1-C01', 'L1-C01'] } });
    expect(plaintextLength(municipal)).toBe(longest.length);
  });

  it('decodes only its own encoding', () => {
    const selection: Selection = { mayor: null, list: 'L4', preferences: ['L4-C01', 'L4-C04'] };
    const bytes = encodeBallotPlaintext(digest, municipal, selection);
    expect(decodeBallotPlaintext(bytes, digest, municipal)).toEqual({ ok: true, value: selection });
    const refused = (b: Uint8Array, d = digest, c = municipal) => {
      const r = decodeBallotPlaintext(b, d, c);
      return r.ok ? 'accepted' : describeBallotProblem(r.error);
    };
    expect(refused(bytes.subarray(1))).toMatch(/is \d+ bytes; this contest's ballots are padded to \d+/);
    expect(refused(bytes, 'cd'.repeat(32))).toBe('the ballot names another election');
    // A code with its figures, for the console and the verifier to word in their languages.
    expect(decodeBallotPlaintext(bytes.subarray(1), digest, municipal)).toEqual({ ok: false, error: { code: 'length', params: { length: bytes.length - 1, expected: bytes.length } } });
    expect(refused(encodeBallotPlaintext(digest, municipal, selection), digest, { ...municipal, id: 'COM-999003-2020' })).toMatch(/names contest "COM-999002-2020", not COM-999003-2020/);
    const blank = new TextDecoder().decode(encodeBallotPlaintext(digest, municipal, { blank: true }));
    const spaced = new TextEncoder().encode(blank.replace('{"contest"', '{ "contest"').slice(0, blank.length));
    expect(refused(spaced)).toBe('the plaintext is not in canonical JSON (RFC 8785)');
    const padded = new Uint8Array(bytes);
    padded[padded.length - 1] = 0x41;
    expect(refused(padded)).toMatch(/not JSON/);
    expect(refused(encodeBallotPlaintext(digest, municipal, { answer: 'YES' }))).toBe('the selection does not have the shape this contest takes');
    const spelt = (value: object, pad = ' ') => new TextEncoder().encode(canonicalJson(value).padEnd(plaintextLength(municipal), pad));
    for (const value of [{ contest: municipal.id, election: digest }, { contest: municipal.id, election: digest, selection: { blank: true }, vote: 1 }, { contest: municipal.id, election: digest, selections: { blank: true } }]) {
      expect(refused(spelt(value))).toBe('the plaintext must have exactly "election", "contest" and "selection"');
    }
    // Padded with anything but spaces, it is not the encoding.
    expect(refused(spelt({ contest: municipal.id, election: digest, selection: { blank: true } }, '\t'))).toBe('the plaintext is not in canonical JSON (RFC 8785)');
  });

  it('holds a maximal European ballot: the longest list and as many preferences as the rules allow, of both sexes', () => {
    const european = politiche().contests.find((c) => c.type === 'european')!;
    if (european.type !== 'european') throw new Error('no European contest');
    const longestId = (ids: string[]) => ids.reduce((a, b) => (b.length > a.length ? b : a));
    const list = european.lists.find((l) => l.id === longestId(european.lists.map((x) => x.id)))!;
    const women = list.candidates.filter((c) => c.sex === 'F');
    const men = list.candidates.filter((c) => c.sex === 'M');
    const preferences = [women[0]!, men[0]!, ...women.slice(1), ...men.slice(1)].slice(0, european.rules.maxPreferences).map((c) => c.id);
    expect(preferences).toHaveLength(european.rules.maxPreferences);
    const selection: Selection = { list: list.id, candidate: null, preferences };
    expect(validate(european, selection).ok).toBe(true);
    const bytes = encodeBallotPlaintext(digest, european, selection);
    expect(bytes.length).toBe(plaintextLength(european));
    expect(decodeBallotPlaintext(bytes, digest, european)).toEqual({ ok: true, value: selection });
    // And no padding to spare beyond what the longest ids need.
    const longest = canonicalJson({ election: digest, contest: european.id, selection: { list: list.id, candidate: null, preferences: preferences.map(() => longestId(european.lists.flatMap((l) => l.candidates.map((c) => c.id)))) } });
    expect(plaintextLength(european)).toBe(longest.length);
  });
});

describe('the fast canonical reader', () => {
  /** What the strict path accepts: strict JSON that is its own canonical form. */
  const strictlyCanonical = (text: string): boolean => {
    const json = parseStrictJson(text, { maxBytes: 1 << 20, maxDepth: 64 });
    return json.ok && canonicalJson(json.value) === text;
  };
  const spellings = (value: unknown): string[] => {
    const canonical = canonicalJson(value);
    return [canonical, JSON.stringify(value), JSON.stringify(value, null, 1), canonical.replace(/^\{"/, '{ "'), canonical.replace(/"([a-z])/, '"\\u00$1')];
  };

  it('accepts a text only when the strict reader finds it canonical', () => {
    let fast = 0;
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        for (const text of spellings(value)) {
          if (canonicalFast(text) === undefined) continue;
          fast++;
          expect(strictlyCanonical(text)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
    // Most canonical texts take the fast path (an integer-like key, which JSON.parse reorders, does not).
    expect(fast).toBeGreaterThan(250);
  });

  it.each([
    ['a duplicate key', '{"a":1,"a":1}'],
    ['keys out of order', '{"b":1,"a":1}'],
    ['an integer-like key JSON.parse reorders', '{"1":1,"10":2,"2":3}'],
    ['whitespace', '{"a": 1}'],
    ['an escaped letter', '{"a":"\\u0062"}'],
    ['a number in another spelling', '{"a":1.0}'],
    ['negative zero', '[-0]'],
  ])('leaves %s to the strict reader', (_what, text) => {
    expect(canonicalFast(text)).toBeUndefined();
  });

  it('refuses a plaintext with a duplicate key as the strict reader does', () => {
    const blank = new TextDecoder().decode(encodeBallotPlaintext(digest, municipal, { blank: true }));
    const twice = blank.replace('{"blank":true}', '{"blank":true,"blank":true}').slice(0, blank.length);
    const r = decodeBallotPlaintext(new TextEncoder().encode(twice), digest, municipal);
    expect(r.ok ? 'accepted' : r.error.code).toBe('not-json');
    expect(r.ok ? 'accepted' : describeBallotProblem(r.error)).toMatch(/not JSON: .*duplicate/i);
  });
});

