export { opensslPublicKeyPem, opensslSign, opensslVerify } from './openssl.js';
export { REPO_ROOT, TEST_ROOT } from './paths.js';
export { sodium, sodiumPython, sodiumTogether, type SodiumOp } from './sodium.js';
export { pdfQrCodes, pdfText, pngQrCode } from './pdf.js';
export { until, within } from './wait.js';
export { enrolled, pairEnrolled } from './machines.js';
