// @seggio/ballot-core: the election domain in pure TypeScript, shared by booth, console and verifier.
export * from './election/schema.js';
export { contestsFor, crossCheckElection, ELIGIBLE_CATEGORIES, municipalRulesFor } from './election/cross-checks.js';
export { formatProblems, parseElection } from './election/parse.js';
export { parseStrictJson, type Json, type JsonProblem } from './json.js';
export { ID_PATTERN, nameKey, textProblem } from './text.js';
export * from './selection.js';
export { scrutinise, type Attribution, type InvalidReason, type Scrutiny, type VoidedPreference, type VoidReason } from './rules/scrutiny.js';
export { attribute, validate, type Refusal, type RefusalCode } from './rules/validate.js';
export { canonicalJson, decodeBallotPlaintext, encodeBallotPlaintext, plaintextLength } from './plaintext.js';
export { describeCheck, recordChecks } from './tally/checks.js';
export { csvCell, tallyCsv, tallyRows, type TallyRow } from './tally/csv.js';
export { ballotsDigest, electorsFor, tallySection, type TallyOutcome } from './tally/tally.js';
export type * from './tally/types.js';
export { generateDay, seededRandom, type ExpectedContest, type GeneratedDay, type GeneratedVoter, type Random } from './generate.js';
export { encodeSidecar, parsePublicKey, parseSidecar, signBytes, verifySidecar, type SignatureSidecar } from './formats/signature.js';
export * from './formats/bundle.js';
export { chainHash, checkChain, EVENTS, GENESIS, nextEntry, type EventId, type LogEntry } from './formats/log.js';
export { comuneTally, sumContests, type ComuneTally, type SummedContest, type TurnoutDocument } from './formats/comune.js';
