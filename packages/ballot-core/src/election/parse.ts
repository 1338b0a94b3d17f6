import { err, ok, type Result } from '@seggio/crypto';
import type { z } from 'zod';
import { parseStrictJson, pathKey, type JsonProblem } from '../json.js';
import { crossCheckElection } from './cross-checks.js';
import { Election, LIMITS } from './schema.js';

const MAX_PROBLEMS = 100;

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}; only the fields of seggio/election@1 are allowed`;
    case 'invalid_type':
      return issue.message.startsWith('Invalid input') ? `must be ${issue.expected}` : issue.message;
    case 'too_big':
    case 'too_small':
      return issue.message.startsWith('Too ') ? `${issue.message.replace(/^Too (big|small): expected /, 'must have ')}` : issue.message;
    default:
      return issue.message;
  }
}

/**
 * Reads an election definition from its exact bytes. Every refusal names the JSON path, what is wrong
 * and what is allowed (docs/threat-model.md R26); nothing malformed gets past it.
 */
export function parseElection(input: Uint8Array | string): Result<Election, JsonProblem[]> {
  const json = parseStrictJson(input, { maxBytes: LIMITS.documentBytes, maxDepth: LIMITS.depth });
  if (!json.ok) return err([json.error]);
  const document = json.value;
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return err([{ path: '$', message: 'must be a JSON object with "format": "seggio/election@1"' }]);
  }
  if (document.format !== 'seggio/election@1') {
    return err([{ path: '$.format', message: `is ${JSON.stringify(document.format ?? null)}; this reads "seggio/election@1" only` }]);
  }
  const parsed = Election.safeParse(document);
  if (!parsed.success) {
    return err(
      parsed.error.issues.slice(0, MAX_PROBLEMS).map((issue) => ({
        path: issue.path.reduce<string>((path, key) => pathKey(path, typeof key === 'number' ? key : String(key)), '$'),
        message: describeIssue(issue),
      })),
    );
  }
  const problems = crossCheckElection(parsed.data);
  return problems.length > 0 ? err(problems.slice(0, MAX_PROBLEMS)) : ok(parsed.data);
}

/** "election.json: $.contests[1].rules.splitVote: is true, but …", one line per problem. */
export function formatProblems(file: string, problems: readonly JsonProblem[]): string[] {
  return problems.map((p) => `${file}: ${p.path}: ${p.message}`);
}
