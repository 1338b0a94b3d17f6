// The `seggio/election@1` format (docs/election-rules.md, docs/bundle-format.md), as a strict schema with a limit on every
// collection and string (docs/threat-model.md R26). Cross-references are checked in cross-checks.ts.
import { fromBase64 } from '@seggio/crypto';
import { z } from 'zod';
import { ID_MAX, ID_PATTERN, textProblem } from '../text.js';

export const LIMITS = {
  documentBytes: 16 * 1024 * 1024,
  depth: 16,
  contests: 10,
  days: 3,
  checkpoints: 24,
  sections: 10_000,
  booths: 8,
  mayors: 30,
  lists: 100,
  listsPerMayor: 30,
  candidatesPerList: 100,
  electorsPerGroup: 20_000,
  symbolBytes: 64 * 1024,
  symbolPixels: 1024,
  name: 80,
  listName: 160,
  title: 300,
  question: 6000,
  address: 200,
} as const;

export const id = z
  .string({ error: 'must be an id (a string)' })
  .max(ID_MAX, { error: `is too long: an id has at most ${ID_MAX} characters` })
  .regex(ID_PATTERN, { error: 'is not a valid id: allowed are letters A-Z and a-z, digits, ".", "_" and "-"' });

/** Display text: non-empty, bounded, NFC, nothing invisible (R26). */
export function text(max: number) {
  return z
    .string({ error: 'must be text (a string)' })
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `is too long: at most ${max} characters are allowed` })
    .superRefine((value, ctx) => {
      const problem = textProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: `${problem}; allowed: visible text in Unicode NFC` });
    });
}

const count = (max: number) =>
  z.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).min(0, { error: 'must not be negative' }).max(max, { error: `must be at most ${max}` });

export const Sex = z.enum(['M', 'F'], { error: 'must be "M" or "F"' });
export const CATEGORIES = ['IT', 'EU_MUNICIPAL', 'EU_EUROPEAN'] as const;
export const Category = z.enum(CATEGORIES, { error: `must be one of ${CATEGORIES.join(', ')}` });

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const SYMBOL_PREFIX = 'data:image/png;base64,';

/** A list symbol: a PNG data URI, checked down to its header (R26: raster images only). */
const symbol = z
  .string({ error: 'must be a PNG data URI or null' })
  .max(Math.ceil((LIMITS.symbolBytes * 4) / 3) + SYMBOL_PREFIX.length + 4, { error: `is too large: a symbol has at most ${LIMITS.symbolBytes} bytes` })
  .superRefine((value, ctx) => {
    const fail = (message: string) => ctx.addIssue({ code: 'custom', message });
    if (!value.startsWith(SYMBOL_PREFIX)) return fail(`must be a data URI beginning "${SYMBOL_PREFIX}"; other image types are not allowed`);
    let png: Uint8Array;
    try {
      png = fromBase64(value.slice(SYMBOL_PREFIX.length));
    } catch (error) {
      return fail(`has invalid base64: ${(error as Error).message}`);
    }
    if (png.length < 24 || PNG_SIGNATURE.some((b, i) => png[i] !== b)) return fail('is not a PNG image (wrong signature)');
    if (String.fromCharCode(...png.subarray(12, 16)) !== 'IHDR') return fail('is not a PNG image (no IHDR header)');
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    const width = view.getUint32(16);
    const height = view.getUint32(20);
    if (width < 1 || height < 1 || width > LIMITS.symbolPixels || height > LIMITS.symbolPixels) {
      fail(`is ${width}×${height} pixels; allowed: 1 to ${LIMITS.symbolPixels} pixels a side`);
    }
  });

const colour = z.string({ error: 'must be a colour' }).regex(/^#[0-9a-fA-F]{6}$/, { error: 'must be a colour like "#9fd3f2"' });

const person = { id, surname: text(LIMITS.name), name: text(LIMITS.name), sex: Sex };

export const Candidate = z.strictObject(person);

export const List = z.strictObject({
  id,
  name: text(LIMITS.listName),
  symbol: symbol.nullable(),
  candidates: z.array(Candidate).max(LIMITS.candidatesPerList, { error: `has too many candidates: at most ${LIMITS.candidatesPerList}` }),
});

/** A mayor, or a single-member (uninominale) candidate of Camera and Senato, with the lists linked to them. */
export const LinkedCandidate = z.strictObject({
  ...person,
  lists: z.array(id).min(1, { error: 'must name at least one list' }).max(LIMITS.listsPerMayor, { error: `has too many lists: at most ${LIMITS.listsPerMayor}` }),
});

const eligibility = z.array(Category).min(1, { error: 'must name at least one category of electors' }).max(CATEGORIES.length);

/** The languages a contest's title and a referendum's question may be given in besides Italian (docs/bundle-format.md §3.1). */
export const TRANSLATED = ['de', 'en'] as const;
export type Translated = (typeof TRANSLATED)[number];

/**
 * A text in German and English beside its Italian, for the voters of a bilingual comune: each as the
 * Italian is bounded and checked; at least one, so that a package without them has one spelling only
 * (the field left out, never `{}`).
 */
function translations(max: number) {
  return z
    .strictObject({ de: text(max).optional(), en: text(max).optional() }, { error: 'must be an object of "de" and "en" texts' })
    .refine((given) => TRANSLATED.some((language) => given[language] !== undefined), { error: 'must give "de", "en" or both; leave the field out when there is neither' });
}

const contestBase = { id, title: text(LIMITS.title), titles: translations(LIMITS.title).optional(), colour, eligibility };

export const Referendum = z.strictObject({
  ...contestBase,
  type: z.literal('referendum'),
  kind: z.enum(['constitutional', 'abrogative'], { error: 'must be "constitutional" or "abrogative"' }),
  number: z.number().int().min(1).max(99),
  question: text(LIMITS.question),
  questions: translations(LIMITS.question).optional(),
  /** Fraction of electors who must vote: 0.5 (50% + 1) for abrogative referendums, null for constitutional ones. */
  quorum: z.number().gt(0).max(1).nullable(),
});

export const MunicipalRules = z.strictObject({
  maxPreferences: z.number().int().min(1, { error: 'must be 1 or 2' }).max(2, { error: 'must be 1 or 2' }),
  preferencesDifferentSex: z.boolean(),
  splitVote: z.boolean(),
  mayorOnlyVoteGoesToList: z.boolean(),
});

export const Municipal = z.strictObject({
  ...contestBase,
  type: z.literal('municipal'),
  population: z.number().int().min(1).max(5_000_000),
  seats: z.number().int().min(1).max(100),
  rules: MunicipalRules,
  mayors: z.array(LinkedCandidate).min(1, { error: 'must have at least one mayor candidate' }).max(LIMITS.mayors, { error: `has too many mayor candidates: at most ${LIMITS.mayors}` }),
  lists: z.array(List).min(1, { error: 'must have at least one list' }).max(LIMITS.lists, { error: `has too many lists: at most ${LIMITS.lists}` }),
});

export const EuropeanRules = z.strictObject({
  maxPreferences: z.number().int().min(0).max(3, { error: 'must be from 0 to 3' }),
  /** With 2 or 3 preferences they must not all be of one sex, or the 2nd and 3rd are void. */
  preferencesMixedSex: z.boolean(),
});

export const European = z.strictObject({
  ...contestBase,
  type: z.literal('european'),
  constituency: text(LIMITS.name).optional(),
  rules: EuropeanRules,
  lists: z.array(List).min(1, { error: 'must have at least one list' }).max(LIMITS.lists),
});

export const Parliament = z.strictObject({
  ...contestBase,
  type: z.enum(['camera', 'senato']),
  constituency: text(LIMITS.name).optional(),
  /** Single-member constituency candidates, each with the lists (coalition) linked to them. */
  candidates: z.array(LinkedCandidate).min(1, { error: 'must have at least one single-member candidate' }).max(LIMITS.mayors),
  lists: z.array(List).min(1, { error: 'must have at least one list' }).max(LIMITS.lists),
});

export const CONTEST_TYPES = ['referendum', 'municipal', 'european', 'camera', 'senato'] as const;

export const Contest = z.discriminatedUnion('type', [Referendum, Municipal, European, Parliament], {
  error: `must have a "type" of ${CONTEST_TYPES.join(', ')}`,
});

const electorGroup = z.strictObject({ M: count(LIMITS.electorsPerGroup), F: count(LIMITS.electorsPerGroup) });

export const Section = z.strictObject({
  id,
  name: text(LIMITS.name),
  address: text(LIMITS.address).optional(),
  electors: z.strictObject({ IT: electorGroup.optional(), EU_MUNICIPAL: electorGroup.optional(), EU_EUROPEAN: electorGroup.optional() }),
  booths: z.number().int().min(1, { error: `must be from 1 to ${LIMITS.booths}` }).max(LIMITS.booths, { error: `must be from 1 to ${LIMITS.booths}` }),
});

const isoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: 'must be a date like "2020-09-20"' });
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a time like "07:00"' });

/** Italy's zone: the one of every Italian election, and the default of a package built from spreadsheets. */
export const ITALY_TIME_ZONE = 'Europe/Rome';

const TIME_ZONE_SHAPE = /^[A-Za-z_]+(\/[A-Za-z_+-]+)+$/;

/**
 * True when this runtime's Intl (Node's ICU, Chromium's) knows the zone, in which every machine writes
 * the day's times; a value not shaped like a zone's name is left to the shape's own refusal.
 */
function knownTimeZone(zone: string): boolean {
  if (zone.length > 64 || !TIME_ZONE_SHAPE.test(zone)) return true;
  try {
    new Intl.DateTimeFormat('it-IT', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The zone of the day's times. Shaped like an IANA name, and one the machines know: a misspelt one
 * ("Europe/Roma") would pass the shape and then stop the console's screens and its record when they
 * write a time in it.
 */
const TimeZone = z
  .string()
  .max(64, { error: 'is too long: at most 64 characters' })
  .regex(TIME_ZONE_SHAPE, { error: 'must be a time zone named Region/City, like "Europe/Rome"' })
  .refine(knownTimeZone, { error: (issue) => `is not a time zone this machine knows ("${String(issue.input)}"); Italy's is "${ITALY_TIME_ZONE}"` });

export const Checkpoint = z.strictObject({
  id,
  at: z.iso.datetime({ offset: true, local: false, error: 'must be a date and time with its UTC offset, like "2020-09-20T12:00:00+02:00"' }),
  bySex: z.boolean(),
  final: z.literal(true).optional(),
});

/** Where the consoles send turnout and the section's public export: the Comune's electoral office (docs/design.md §7). */
export const OfficeAddress = z
  .string({ error: 'must be the office address, like "https://elezioni.comune.example.it/"' })
  .max(LIMITS.address, { error: `is too long: at most ${LIMITS.address} characters` })
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return ctx.addIssue({ code: 'custom', message: 'is not an address: expected one like "https://elezioni.comune.example.it/"' });
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') ctx.addIssue({ code: 'custom', message: `uses ${url.protocol.slice(0, -1)}: only http: and https: are allowed` });
    if (url.username || url.password) ctx.addIssue({ code: 'custom', message: 'must not carry a user name or password' });
    if (url.search || url.hash) ctx.addIssue({ code: 'custom', message: 'must not carry a query or a fragment' });
  });

export const Election = z.strictObject({
  format: z.literal('seggio/election@1', { error: 'must be "seggio/election@1"' }),
  id,
  title: text(LIMITS.title),
  /** A training or test election (R15): its own ids and keys; the auditor refuses to mix it with real ones. */
  training: z.boolean().optional(),
  comune: z.strictObject({
    name: text(LIMITS.name),
    istat: z.string().regex(/^\d{6}$/, { error: 'must be the six-digit ISTAT code' }),
    province: z.string().regex(/^[A-Z]{2}$/, { error: 'must be the two-letter province code' }),
  }),
  /** Optional: without it the console writes its exports to its folder only. */
  office: z.strictObject({ url: OfficeAddress }).optional(),
  timezone: TimeZone,
  days: z.array(z.strictObject({ date: isoDate, open: clock, close: clock })).min(1).max(LIMITS.days),
  turnoutCheckpoints: z.array(Checkpoint).min(1).max(LIMITS.checkpoints),
  contests: z.array(Contest).min(1, { error: 'must have at least one contest' }).max(LIMITS.contests, { error: `has too many contests: at most ${LIMITS.contests}` }),
  scrutinyOrder: z.array(id).min(1).max(LIMITS.contests),
  sections: z.array(Section).min(1, { error: 'must have at least one section' }).max(LIMITS.sections, { error: `has too many sections: at most ${LIMITS.sections}` }),
});

export type Election = z.infer<typeof Election>;
export type Contest = z.infer<typeof Contest>;
export type ReferendumContest = z.infer<typeof Referendum>;
export type MunicipalContest = z.infer<typeof Municipal>;
export type EuropeanContest = z.infer<typeof European>;
export type ParliamentContest = z.infer<typeof Parliament>;
export type PartyListContest = EuropeanContest | ParliamentContest;
export type ListEntry = z.infer<typeof List>;
export type CandidateEntry = z.infer<typeof Candidate>;
export type LinkedCandidateEntry = z.infer<typeof LinkedCandidate>;
export type Section = z.infer<typeof Section>;
export type Category = z.infer<typeof Category>;
export type Sex = z.infer<typeof Sex>;
