// Every problem the package builder finds in a folder of spreadsheets is one of these codes with its
// parameters, as the office's own refusals are (apps/office/src/shared/codes.ts): the builder never words
// a refusal. English is made in english.ts for the command line; the office's staff read Italian.
// Every problem of a cell names its file, line and column.

export const BUILD_CODES = {
  // The folder itself.
  'folder-unreadable': ['file', 'reason'],
  'folder-too-many-files': ['limit'],
  'folder-too-large': ['limit'],
  'entry-not-file': ['file'],
  'entry-name': ['file'],
  'file-too-large': ['file', 'limit'],
  'file-missing': ['file'],
  // A CSV file as a whole.
  'csv-encoding': ['file', 'line'],
  'csv-syntax': ['file', 'line', 'reason'],
  'csv-too-many-rows': ['file', 'limit'],
  'csv-empty': ['file'],
  'column-missing': ['file', 'line', 'column', 'allowed'],
  'column-unknown': ['file', 'line', 'column', 'allowed'],
  'column-twice': ['file', 'line', 'column'],
  // A cell.
  'cell-formula': ['file', 'line', 'column', 'value'],
  'cell-required': ['file', 'line', 'column'],
  'cell-not-number': ['file', 'line', 'column', 'value', 'min', 'max'],
  'cell-not-choice': ['file', 'line', 'column', 'value', 'allowed'],
  'cell-too-long': ['file', 'line', 'column', 'limit'],
  'one-row': ['file', 'rows'],
  'contest-wrong-type': ['file', 'line', 'column', 'value', 'allowed'],
  'reference-unknown': ['file', 'line', 'column', 'value', 'target', 'allowed'],
  'duplicate': ['file', 'line', 'column', 'value', 'firstLine'],
  'row-too-long': ['file', 'line', 'columns'],
  // A list's symbol, named in a cell: limits in bytes and pixels.
  'symbol-name': ['file', 'line', 'column', 'value'],
  'symbol-missing': ['file', 'line', 'column', 'value'],
  'symbol-not-png': ['file', 'line', 'column', 'value'],
  'symbol-damaged': ['file', 'line', 'column', 'value'],
  'symbol-too-large': ['file', 'line', 'column', 'value', 'limit'],
  'symbol-too-wide': ['file', 'line', 'column', 'value', 'limit'],
  // What the election format (seggio/election@1) refuses in the package made, traced to its cell;
  // `reason` is the format's own English, `path` where in election.json.
  'election-rule': ['file', 'line', 'column', 'path', 'reason'],
} as const satisfies Record<string, readonly string[]>;

export type BuildCode = keyof typeof BUILD_CODES;

export type BuildProblem = {
  [C in BuildCode]: { readonly code: C; readonly params: { readonly [P in (typeof BUILD_CODES)[C][number]]: string } };
}[BuildCode];

export const buildProblem = <C extends BuildCode>(code: C, params: { readonly [P in (typeof BUILD_CODES)[C][number]]: string | number }): BuildProblem =>
  ({ code, params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) }) as BuildProblem;

/** Where a value of the package came from: a file, a line and a column (empty for the whole row). */
export interface Cell {
  readonly file: string;
  readonly line: number;
  readonly column: string;
}
