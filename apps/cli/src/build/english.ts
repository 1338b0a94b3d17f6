// The builder's problems in English, for the command line: "FILE line N, column C: what is wrong; allowed: …".
import type { BuildProblem } from './codes.js';

type Words = { [C in BuildProblem['code']]: (p: Extract<BuildProblem, { code: C }>['params']) => string };

const WORDS: Words = {
  'folder-unreadable': (p) => `${p.file}: cannot be read (${p.reason})`,
  'folder-too-many-files': (p) => `the folder has more than ${p.limit} files`,
  'folder-too-large': (p) => `the folder's files add up to more than ${p.limit} bytes`,
  'entry-not-file': (p) => `${p.file}: not a plain file (a link, a folder or a second file of that name); only the folder's own files are read`,
  'entry-name': (p) => `${JSON.stringify(p.file)}: a file name may have only letters A-Z a-z, digits, ".", "_" and "-" (at most 100), and no path`,
  'file-too-large': (p) => `${p.file}: larger than ${p.limit} bytes`,
  'file-missing': (p) => `${p.file}: missing; the folder must have it (see docs/election-package.md)`,
  'csv-encoding': (p) => `${p.file} line ${p.line}: not UTF-8 text; save the file as CSV UTF-8`,
  'csv-syntax': (p) => `${p.file} line ${p.line}: not readable as CSV (${p.reason})`,
  'csv-too-many-rows': (p) => `${p.file}: more than ${p.limit} rows`,
  'csv-empty': (p) => `${p.file}: empty; it needs its header line`,
  'column-missing': (p) => `${p.file} line ${p.line}: column "${p.column}" is missing; required: ${p.allowed}`,
  'column-unknown': (p) => `${p.file} line ${p.line}: column "${p.column}" is not one of this file's; allowed: ${p.allowed}`,
  'column-twice': (p) => `${p.file} line ${p.line}: column "${p.column}" appears twice`,
  'cell-formula': (p) => `${p.file} line ${p.line}, column ${p.column}: ${JSON.stringify(p.value)} would be run as a formula by a spreadsheet; a cell may not begin with =, +, -, @ or a tab`,
  'cell-required': (p) => `${p.file} line ${p.line}, column ${p.column}: empty; a value is required`,
  'cell-not-number': (p) => `${p.file} line ${p.line}, column ${p.column}: ${JSON.stringify(p.value)} is not allowed; allowed: a whole number from ${p.min} to ${p.max}`,
  'cell-not-choice': (p) => `${p.file} line ${p.line}, column ${p.column}: ${JSON.stringify(p.value)} is not allowed; allowed: ${p.allowed}`,
  'cell-too-long': (p) => `${p.file} line ${p.line}, column ${p.column}: longer than ${p.limit} characters`,
  'one-row': (p) => `${p.file}: has ${p.rows} rows under its header; allowed: exactly one`,
  'contest-wrong-type': (p) => `${p.file} line ${p.line}, column ${p.column}: contest ${JSON.stringify(p.value)} is not of a type this file is for; allowed: ${p.allowed || 'none of the contests'}`,
  'reference-unknown': (p) => `${p.file} line ${p.line}, column ${p.column}: ${JSON.stringify(p.value)} is not in ${p.target}; allowed: ${p.allowed}`,
  'duplicate': (p) => `${p.file} line ${p.line}${p.column ? `, column ${p.column}` : ''}: ${p.value ? `${JSON.stringify(p.value)} ` : ''}is the same as on line ${p.firstLine}${p.value ? '' : ' (names compared without case, accents or punctuation)'}; each must be unique`,
  'row-too-long': (p) => `${p.file} line ${p.line}: more cells than the ${p.columns} columns of the header`,
  'symbol-missing': (p) => `${p.file} line ${p.line}, column ${p.column}: symbol file ${JSON.stringify(p.value)} is not in the folder`,
  'symbol-name': (p) => `${p.file} line ${p.line}, column ${p.column}: ${JSON.stringify(p.value)} is not the name of a .png file in the folder (no path)`,
  'symbol-not-png': (p) => `${p.file} line ${p.line}, column ${p.column}: ${JSON.stringify(p.value)} is not a PNG image (it does not begin with the PNG signature); allowed: a PNG file beside the spreadsheets`,
  'symbol-damaged': (p) => `${p.file} line ${p.line}, column ${p.column}: ${JSON.stringify(p.value)} begins like a PNG image but its image data is damaged`,
  'symbol-too-large': (p) => `${p.file} line ${p.line}, column ${p.column}: ${JSON.stringify(p.value)} is larger than ${p.limit} bytes`,
  'symbol-too-wide': (p) => `${p.file} line ${p.line}, column ${p.column}: ${JSON.stringify(p.value)} is larger than ${p.limit}×${p.limit} pixels`,
  'election-rule': (p) => `${p.file}${p.line !== '0' ? ` line ${p.line}` : ''}${p.column ? `, column ${p.column}` : ''}: ${p.reason} (${p.path})`,
};

export function describeBuildProblem(problem: BuildProblem): string {
  return (WORDS[problem.code] as (params: BuildProblem['params']) => string)(problem.params);
}
