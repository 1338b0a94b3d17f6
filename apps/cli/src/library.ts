// The verifier as a library, for the electoral office, which checks each submission with the same
// code as `seggio verify` and `seggio verify-comune` (the Prefettura too).
export { CHECKS, Report, type CheckName, type Item, type Place } from './verify/report.js';
export { verifyBundle, type VerifyOptions } from './verify/verify.js';
export { readOfficeKey } from './election.js';
export { buildElection, derivedRules, FILES, type BuildResult, type DerivedRules } from './build/build.js';
export { BUILD_CODES, buildProblem, type BuildCode, type BuildProblem } from './build/codes.js';
export { describeBuildProblem } from './build/english.js';
export { folderFromEntries, FOLDER_LIMITS, readFolder, type Folder } from './build/folder.js';
export { checkRequest, describeEnrolProblem, ENROL_CODES, ENROL_LIMITS, readRegister, registerAllows, signEnrolment, type CheckedRequest, type EnrolProblem } from './enrolment.js';
export { readBounded } from './build/folder.js';
export { verifyComune, type ComuneCheck, type ComuneFailure, type ComuneInput, type ComuneVerification } from './comune/verify.js';
