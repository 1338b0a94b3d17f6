// Every expected failure of the office is one of these codes with its parameters: the service never
// words a refusal. English is made for logs and the command line (service/english.ts), Italian, German
// and English for the staff and the public by the renderer's catalogues (renderer/i18n.ts), and the
// president's words for the answers to a public export by ballot-core (office-answer.ts).
import { EXPORT_ANSWER_CODES } from '@seggio/ballot-core';

/** Each code and the names of its parameters. */
export const CODES = {
  // What a console's public export is answered with, its refusals and its notes (their words for the
  // president: ballot-core); among them the flag on an accepted one, no-turnout-reported.
  ...EXPORT_ANSWER_CODES,
  // The staff's face, without its token.
  'not-authorised': [],
  // Turnout documents.
  'turnout-document': ['field', 'reason'],
  'turnout-signature': ['file', 'reason'],
  'turnout-setup-mismatch': ['field'],
  'turnout-checkpoint-unknown': ['checkpoint'],
  'turnout-contest-unknown': ['contest'],
  'turnout-figures': ['contest'],
  'turnout-replayed-different': ['section', 'checkpoint'],
  'turnout-other-setup': ['section', 'setup', 'turnoutSetup'],
  // The import folder.
  'folder-entry-not-file': ['file'],
  'folder-file-too-large': ['file', 'limit'],
  // The Prefettura: a comune's package (its signed comune tally and its sections' public exports).
  'comune-package-entry': ['entry'],
  'comune-package-missing': ['file'],
  'comune-unknown': ['comune'],
  'comune-signature': ['comune', 'reason'],
  'comune-check-failed': ['comune', 'check', 'place', 'detail'],
  'comune-section-mismatch': ['comune', 'place', 'detail'],
  'comune-other-election': ['comune', 'field'],
  'comune-second-tally': ['comune', 'accepted'],
  'comune-same-tally': ['comune', 'accepted'],
} as const satisfies Record<string, readonly string[]>;

export type Code = keyof typeof CODES;

/** A refusal or a flag: its code and its parameters, words made at the edge. */
export type Problem = {
  [C in Code]: { readonly code: C; readonly params: { readonly [P in (typeof CODES)[C][number]]: string } };
}[Code];

export const problem = <C extends Code>(code: C, params: { readonly [P in (typeof CODES)[C][number]]: string | number }): Problem =>
  ({ code, params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) }) as Problem;
