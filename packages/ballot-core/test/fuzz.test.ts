// Hostile election definitions (docs/threat-model.md R26): 10,000 generated malformed definitions, each built
// from a valid one by a mutation that must make it invalid. Every one is refused with problems that
// name a JSON path and say what is wrong; none crashes the reader.
import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import { parseElection, type Json } from '../src/index.js';
import { fixtureBytes } from './fixtures.js';
import { politiche } from './politiche.js';

/**
 * The fixtures with one list symbol each: the mutations still reach a symbol, and 10,000 runs do not
 * spend their time copying and decoding the same twenty images.
 */
function oneSymbol(election: Json): Json {
  let kept = false;
  for (const contest of (election as { contests: { lists?: { symbol: string | null }[] }[] }).contests) {
    for (const list of contest.lists ?? []) {
      if (list.symbol && !kept) kept = true;
      else list.symbol = null;
    }
  }
  return election;
}

const bases: Json[] = [
  ...['referendum-2020', 'sanvalle-2020', 'rivafonda-2020'].map((n) => JSON.parse(fixtureBytes(`${n}.election.json`).toString('utf8')) as Json),
  JSON.parse(JSON.stringify(politiche())) as Json,
].map(oneSymbol);

type Path = (string | number)[];
interface Node {
  path: Path;
  value: Json;
}

function nodes(value: Json, path: Path = [], out: Node[] = []): Node[] {
  out.push({ path, value });
  if (Array.isArray(value)) value.forEach((v, i) => nodes(v, [...path, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) nodes(v, [...path, k], out);
  return out;
}

const OPTIONAL_KEYS = new Set(['address', 'training', 'final', 'constituency', 'IT', 'EU_MUNICIPAL', 'EU_EUROPEAN']);
const HIDDEN = ['\u202E', '\u200B', '\u0000', '\u0007', '\u2066', '\uFEFF', '\u061C', '\u00AD', '\uE000', '\u2028'];

function setAt(root: Json, path: Path, change: (parent: Record<string | number, Json>, key: string | number) => void): Json {
  const copy = structuredClone(root);
  let parent = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  change(parent, path.at(-1)!);
  return copy;
}

const typeOf = (v: Json) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const WRONG: Json[] = [12345, 'not-the-type', { unexpected: true }, [1, 2, 3], true];

/** One mutation, applied deterministically from the generated numbers; returns text to parse. */
const baseNodes = bases.map((b) => nodes(b).filter((n) => n.path.length > 0));

function mutate(kind: number, baseIndex: number, pick: number, extra: number): string {
  const base = bases[baseIndex % bases.length]!;
  const all = baseNodes[baseIndex % bases.length]!;
  const choose = (list: Node[]) => list[pick % list.length]!;
  switch (kind) {
    case 0: {
      // A value of another type (never null, which some fields allow).
      const node = choose(all);
      const replacement = WRONG.filter((w) => typeOf(w) !== typeOf(node.value))[extra % 4]!;
      return JSON.stringify(setAt(base, node.path, (p, k) => (p[k] = replacement)));
    }
    case 1: {
      // A hidden character inside a string.
      const node = choose(all.filter((n) => typeof n.value === 'string' && n.value.length > 0));
      const s = node.value as string;
      const at = extra % (s.length + 1);
      return JSON.stringify(setAt(base, node.path, (p, k) => (p[k] = s.slice(0, at) + HIDDEN[extra % HIDDEN.length]! + s.slice(at))));
    }
    case 2: {
      // An unknown field in an object.
      const node = choose(all.filter((n) => typeOf(n.value) === 'object'));
      return JSON.stringify(setAt(base, node.path, (p, k) => ((p[k] as Record<string, Json>)[`x${extra}`] = extra)));
    }
    case 3: {
      // A required field removed.
      const node = choose(all.filter((n) => typeof n.path.at(-1) === 'string' && !OPTIONAL_KEYS.has(n.path.at(-1) as string)));
      return JSON.stringify(setAt(base, node.path, (p, k) => delete p[k]));
    }
    case 4: {
      // An element of a list repeated: a duplicate id, date, category or reference.
      const node = choose(all.filter((n) => Array.isArray(n.value) && n.value.length > 0));
      const items = node.value as Json[];
      return JSON.stringify(setAt(base, node.path, (p, k) => (p[k] = [...items, structuredClone(items[extra % items.length]!)])));
    }
    case 5: {
      // Oversized: a string or a list far beyond any limit.
      const node = choose(all.filter((n) => typeof n.value === 'string' || Array.isArray(n.value)));
      const huge: Json = typeof node.value === 'string' ? 'A'.repeat(100_000) : new Array<Json>(10_001).fill(extra);
      return JSON.stringify(setAt(base, node.path, (p, k) => (p[k] = huge)));
    }
    case 6: {
      // A reference to something that does not exist.
      const refs = all.filter((n) => (n.path.includes('scrutinyOrder') || (n.path.includes('lists') && typeof n.value === 'string' && n.path.at(-2) === 'lists')) && typeof n.value === 'string');
      const node = choose(refs);
      return JSON.stringify(setAt(base, node.path, (p, k) => (p[k] = `ZZ-${extra}`)));
    }
    default: {
      // Broken bytes: the document cut short, or a key written twice.
      const text = JSON.stringify(base, null, 1);
      if (extra % 2 === 0) return text.slice(0, pick % (text.length - 1));
      return text.replace(/"title": /, '"title": "again", "title": ');
    }
  }
}

describe('hostile election definitions', () => {
  it('10,000 malformed definitions are each refused with a path and a reason, and none crashes', () => {
    const seenKinds = new Set<number>();
    fc.assert(
      fc.property(fc.nat(7), fc.nat(), fc.nat(), fc.nat(1000), (kind, base, pick, extra) => {
        seenKinds.add(kind);
        const text = mutate(kind, base, pick, extra);
        const result = parseElection(text);
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.error.length).toBeGreaterThan(0);
        for (const problem of result.error) {
          expect(problem.path).toMatch(/^\$/);
          expect(problem.message.length).toBeGreaterThan(8);
        }
      }),
      { numRuns: 10_000 },
    );
    expect(seenKinds.size).toBe(8);
  }, 180_000); // ~20 s alone on one core; several times that on a loaded machine
});

declare module 'vitest' {
  interface ProvidedContext {
    fastCheckSeed: number;
  }
}

describe('the property tests', () => {
  it("draw from the run's one seed, printed at its start: the same seed draws the same cases (SEGGIO_FC_SEED)", () => {
    expect(fc.readConfigureGlobal().seed).toBe(inject('fastCheckSeed'));
    const draw = () => fc.sample(fc.tuple(fc.nat(7), fc.nat(), fc.string()), { numRuns: 20 });
    expect(draw()).toEqual(draw());
  });
});
