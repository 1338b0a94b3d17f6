// Every expected failure of the office is one of these codes with its parameters: the service never
// words a refusal. English is made for logs and the command line (service/english.ts), Italian and
// English for the staff and the public by the renderer's catalogue (renderer/i18n.ts).

/** Each code and the names of its parameters. */
export const CODES = {
  // The body of a request, or a file from the import folder.
  'body-too-large': ['limit'],
  'body-invalid': ['field', 'reason'],
  'not-authorised': [],
  // The office before its staff signed the day's package.
  'no-election': [],
  // The archive of a section's public export.
  'archive-unreadable': ['reason'],
  'archive-too-many-entries': ['limit'],
  'archive-entry-path': ['entry'],
  'archive-entry-type': ['entry', 'type'],
  'archive-entry-too-large': ['entry', 'limit'],
  'archive-entry-twice': ['entry'],
  'archive-audit-set': ['entry'],
  // The checks of `seggio verify`, each named by the verifier's check; `detail` is the verifier's own English.
  'bundle-check-failed': ['check', 'place', 'detail'],
  'other-election': ['digest'],
  'section-unknown': ['section'],
  'setup-not-turnout': ['section', 'setup', 'turnoutSetup'],
  'second-submission': ['section', 'accepted'],
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
  // Flags on an accepted submission: counted, but the office should look.
  'no-turnout-reported': ['section'],
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
