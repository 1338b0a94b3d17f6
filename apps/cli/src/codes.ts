// The codes of the package builder and of enrolment, with no code of their own: what the office's
// interface imports to word them (apps/office/src/renderer).
export { BUILD_CODES, type BuildCode, type BuildProblem } from './build/codes.js';
export { ENROL_CODES, type EnrolProblem } from './enrolment-codes.js';
