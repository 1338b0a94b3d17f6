// @seggio/ballot-core: the election domain in pure TypeScript, shared by booth, console and verifier.
export * from './election/schema.js';
export { crossCheckElection, ELIGIBLE_CATEGORIES, municipalRulesFor } from './election/cross-checks.js';
export { formatProblems, parseElection } from './election/parse.js';
export { parseStrictJson, type Json, type JsonProblem } from './json.js';
export { ID_PATTERN, nameKey, textProblem } from './text.js';
