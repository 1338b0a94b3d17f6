import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contestsFor, localInstant, parseElection, type Election } from '../src/index.js';
import { politiche } from './politiche.js';

const FIXTURES = new URL('../../../fixtures/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES));
const fixtureJson = (name: string) => JSON.parse(fixture(name).toString('utf8')) as Record<string, unknown>;

describe('the fixtures', () => {
  it.each(['referendum-2020', 'sanvalle-2020', 'rivafonda-2020'])('%s is a valid seggio/election@1', (name) => {
    const result = parseElection(fixture(`${name}.election.json`));
    expect(result.ok ? [] : result.error).toEqual([]);
  });
});

describe("a local hour's instant", () => {
  it('is the clock of the zone at that date, in summer and in winter', () => {
    expect(new Date(localInstant('2020-09-21', '15:00', 'Europe/Rome')).toISOString()).toBe('2020-09-21T13:00:00.000Z');
    expect(new Date(localInstant('2020-12-20', '15:00', 'Europe/Rome')).toISOString()).toBe('2020-12-20T14:00:00.000Z');
    expect(new Date(localInstant('2020-12-20', '15:00', 'Europe/London')).toISOString()).toBe('2020-12-20T15:00:00.000Z');
    expect(new Date(localInstant('2020-09-21', '07:00', 'America/New_York')).toISOString()).toBe('2020-09-21T11:00:00.000Z');
  });
});

describe('who is given which ballot', () => {
  it('an EU citizen only the municipal or the European ballot, as the category allows; an Italian every one', () => {
    const parsed = parseElection(fixture('sanvalle-2020.election.json'));
    if (!parsed.ok) throw new Error('the fixture does not parse');
    const sanvalle = parsed.value;
    const municipal = sanvalle.contests.find((c) => c.type === 'municipal')!.id;
    expect(contestsFor(sanvalle, 'IT')).toEqual(sanvalle.scrutinyOrder);
    expect(contestsFor(sanvalle, 'EU_MUNICIPAL')).toEqual([municipal]);
    expect(contestsFor(sanvalle, 'EU_EUROPEAN')).toEqual([]);
    const general = politiche();
    expect(contestsFor(general, 'EU_EUROPEAN')).toEqual(general.contests.filter((c) => c.type === 'european').map((c) => c.id));
    expect(contestsFor(general, 'EU_MUNICIPAL')).toEqual([]);
  });
});

describe('refusals name the path, the fault and what is allowed', () => {
  const base = () => fixtureJson('sanvalle-2020.election.json') as Election & Record<string, unknown>;
  const refuse = (election: unknown) => {
    const result = parseElection(JSON.stringify(election));
    if (result.ok) throw new Error('accepted');
    return result.error.map((p) => `${p.path}: ${p.message}`);
  };
  type Municipal = Extract<Election['contests'][number], { type: 'municipal' }>;
  const municipal = (e: Election) => e.contests[1] as Municipal;

  it('an office address that is not an http(s) address of its own', () => {
    const e = base();
    e.office = { url: 'https://elezioni.sanvalle.example.it/' };
    expect(parseElection(JSON.stringify(e)).ok).toBe(true);
    e.office = { url: 'ftp://elezioni.sanvalle.example.it/' };
    expect(refuse(e)).toEqual(['$.office.url: uses ftp: only http: and https: are allowed']);
    e.office = { url: 'https://staff:secret@elezioni.sanvalle.example.it/?x=1' };
    expect(refuse(e)).toEqual(['$.office.url: must not carry a user name or password', '$.office.url: must not carry a query or a fragment']);
    e.office = { url: 'elezioni' };
    expect(refuse(e)).toEqual(['$.office.url: is not an address: expected one like "https://elezioni.comune.example.it/"']);
  });

  it('a time zone the machines do not know, which would stop the console when it writes a time', () => {
    const e = base();
    e.timezone = 'Europe/Roma';
    expect(refuse(e)).toEqual(['$.timezone: is not a time zone this machine knows ("Europe/Roma"); Italy\'s is "Europe/Rome"']);
    e.timezone = 'Rome';
    expect(refuse(e)).toEqual(['$.timezone: must be a time zone named Region/City, like "Europe/Rome"']);
    e.timezone = `Europe/${'R'.repeat(58)}`;
    expect(refuse(e)).toEqual(['$.timezone: is too long: at most 64 characters']);
    e.timezone = 'Europe/Rome';
    expect(parseElection(JSON.stringify(e)).ok).toBe(true);
  });

  it("a checkpoint written with another offset than the comune's at that moment, which would read as another hour", () => {
    const e = base();
    const first = e.turnoutCheckpoints[0]!;
    expect(first.at).toBe('2020-09-20T12:00:00+02:00');
    first.at = '2020-09-20T11:00:00+01:00';
    expect(refuse(e)).toEqual(['$.turnoutCheckpoints[0].at: has the UTC offset +01:00, but at that moment Europe/Rome is at +02:00: write the comune\'s hour with its offset, like "2020-09-20T12:00:00+02:00"']);
    first.at = '2020-09-20T10:00:00Z';
    expect(refuse(e)).toEqual(['$.turnoutCheckpoints[0].at: has the UTC offset +00:00, but at that moment Europe/Rome is at +02:00: write the comune\'s hour with its offset, like "2020-09-20T12:00:00+02:00"']);
    // The same instants in a zone at those offsets then are the comune's hour.
    e.timezone = 'Europe/London';
    for (const c of e.turnoutCheckpoints.slice(1)) c.at = new Date(c.at).toISOString().replace('.000Z', '+01:00').replace(/T(\d\d)/, (_m, h: string) => `T${String(Number(h) + 1).padStart(2, '0')}`);
    first.at = '2020-09-20T11:00:00+01:00';
    expect(parseElection(JSON.stringify(e)).ok).toBe(true);
  });

  it('a split vote in a comune under 15,000', () => {
    const e = base();
    municipal(e).rules.splitVote = true;
    expect(refuse(e)).toEqual(['$.contests[1].rules.splitVote: is true, but a comune of 7480 inhabitants has false']);
  });

  it('a mayor with two lists under 15,000', () => {
    const e = base();
    municipal(e).mayors[0]!.lists.push('L2');
    expect(refuse(e)).toEqual([
      '$.contests[1].mayors[1].lists[0]: links list "L2", already linked to mayor "S1"; a list supports one mayor',
      '$.contests[1].mayors[0].lists: has 2 lists; up to 15,000 inhabitants each mayor has exactly one',
    ]);
  });

  it('a reference that does not resolve', () => {
    const e = base();
    municipal(e).mayors[2]!.lists = ['L9'];
    expect(refuse(e)).toEqual([
      '$.contests[1].mayors[2].lists[0]: names list "L9", which is not among the contest\'s lists',
      '$.contests[1].lists[2]: list "L3" is linked to no mayor',
    ]);
  });

  it('a right-to-left override hidden in a candidate name', () => {
    const e = base();
    municipal(e).lists[0]!.candidates[3]!.surname = 'ROSSI\u202EDINAM';
    expect(refuse(e)).toEqual([
      '$.contests[1].lists[0].candidates[3].surname: contains a bidirectional formatting character (U+202E) at position 5; allowed: visible text in Unicode NFC',
    ]);
  });

  it('a zero-width space, a control character and a decomposed accent', () => {
    const e = base();
    municipal(e).lists[1]!.name = 'Sanvalle\u200BFutura';
    municipal(e).mayors[0]!.name = 'ILA\u0007RIA';
    municipal(e).mayors[1]!.surname = 'NICCOLO\u0300';
    expect(refuse(e)).toEqual([
      '$.contests[1].mayors[0].name: contains a control character (U+0007) at position 3; allowed: visible text in Unicode NFC',
      '$.contests[1].mayors[1].surname: is not in Unicode normalisation form NFC; allowed: visible text in Unicode NFC',
      '$.contests[1].lists[1].name: contains a zero-width character (U+200B) at position 8; allowed: visible text in Unicode NFC',
    ]);
  });

  it('two candidates of one list whose names differ only in case and width', () => {
    const e = base();
    const [a, b] = municipal(e).lists[0]!.candidates;
    b!.surname = a!.surname.toLowerCase();
    b!.name = a!.name.replace(/./gu, (c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0));
    expect(refuse(e)).toEqual(['$.contests[1].lists[0].candidates[1]: the candidate name is the same as at $.contests[1].lists[0].candidates[0]; each must be unique']);
  });

  it('unknown fields, wrong types and oversized collections', () => {
    const e = base();
    (e as Record<string, unknown>).extra = 1;
    (e.sections[0] as Record<string, unknown>).booths = '3';
    municipal(e).lists[0]!.candidates = Array.from({ length: 101 }, (_, i) => ({ id: `X${i}`, surname: `S${i}`, name: 'N', sex: 'M' as const }));
    expect(refuse(e)).toEqual([
      '$.contests[1].lists[0].candidates: has too many candidates: at most 100',
      '$.sections[0].booths: must be number',
      '$: has unknown field "extra"; only the fields of seggio/election@1 are allowed',
    ]);
  });

  it('a duplicate key, which JSON.parse would silently resolve', () => {
    const text = fixture('referendum-2020.election.json').toString('utf8').replace('"id": "2020-09-20-ref",', '"id": "2020-09-20-ref", "id": "other",');
    const result = parseElection(text);
    expect(result.ok ? [] : result.error.map((p) => `${p.path}: ${p.message}`)).toEqual(['$.id: not valid JSON: duplicate key at line 3, character 31']);
  });

  it('a document that is not an election', () => {
    expect(parseElection('{"format":"seggio/tally@1"}')).toEqual({ ok: false, error: [{ path: '$.format', message: 'is "seggio/tally@1"; this reads "seggio/election@1" only' }] });
    expect(parseElection('[1]')).toMatchObject({ ok: false, error: [{ path: '$' }] });
    expect(parseElection(new Uint8Array([0xff, 0xfe]))).toEqual({ ok: false, error: [{ path: '$', message: 'the document is not valid UTF-8' }] });
  });

  it('a symbol that is not a PNG', () => {
    const e = base();
    municipal(e).lists[0]!.symbol = 'data:image/svg+xml;base64,PHN2Zz4=';
    municipal(e).lists[1]!.symbol = `data:image/png;base64,${Buffer.from('GIF89a-not-a-png-at-all-really').toString('base64')}`;
    expect(refuse(e)).toEqual([
      '$.contests[1].lists[0].symbol: must be a data URI beginning "data:image/png;base64,"; other image types are not allowed',
      '$.contests[1].lists[1].symbol: is not a PNG image (wrong signature)',
    ]);
  });

  it('a PNG symbol is accepted, and one too large in pixels is refused', () => {
    const png = (width: number, height: number) => {
      const bytes = Buffer.alloc(33);
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
      bytes.writeUInt32BE(13, 8);
      bytes.write('IHDR', 12, 'latin1');
      bytes.writeUInt32BE(width, 16);
      bytes.writeUInt32BE(height, 20);
      return `data:image/png;base64,${bytes.toString('base64')}`;
    };
    const e = base();
    municipal(e).lists[0]!.symbol = png(120, 120);
    expect(parseElection(JSON.stringify(e)).ok).toBe(true);
    municipal(e).lists[1]!.symbol = png(4000, 120);
    expect(refuse(e)).toEqual(['$.contests[1].lists[1].symbol: is 4000×120 pixels; allowed: 1 to 1024 pixels a side']);
  });

  it('checkpoints out of order and a final one that is not last', () => {
    const e = base();
    const [c1, c2] = e.turnoutCheckpoints;
    e.turnoutCheckpoints[0] = c2!;
    e.turnoutCheckpoints[1] = { ...c1!, final: true };
    expect(refuse(e)).toEqual([
      '$.turnoutCheckpoints[1].at: is not after the previous checkpoint; checkpoints must be in time order',
      '$.turnoutCheckpoints[1].final: is set, but only the last checkpoint may be final',
    ]);
  });

  it('EU citizens admitted to a referendum, and a scrutiny order missing a contest', () => {
    const e = base();
    e.contests[0]!.eligibility.push('EU_MUNICIPAL');
    e.scrutinyOrder.pop();
    expect(refuse(e)).toEqual([
      '$.scrutinyOrder: does not list contest "COM-999001-2020"; every contest must be counted once',
      '$.contests[0].eligibility[1]: EU_MUNICIPAL electors do not vote in a referendum contest; allowed: IT',
    ]);
  });
});
