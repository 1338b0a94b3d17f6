// The electoral office service: plain Node (docs/design.md §7).
export type * from '../shared/api.js';
export type * from '../shared/preparation.js';
export { CODES, problem, type Code, type Problem } from '../shared/codes.js';
export { ARCHIVE_LIMITS, packArchive, readArchive } from './archive.js';
export { describe, ENGLISH } from './english.js';
export { ImportFolder } from './folder.js';
export { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
export { CERTIFICATES_FOLDER, Enrolment, MAX_REQUESTS, REQUESTS_FOLDER } from './enrolment.js';
export { Office, type OfficeConfig } from './office.js';
export { DRIVE_FILES, Preparation } from './preparation.js';
export { INTAKE_LIMITS, STREAM_LIMITS } from './places.js';
export { neutralise, resultsCsv } from './results.js';
export { OfficeServer, type ServerOptions } from './server.js';
export { migrate, OfficeStore, OfficeStoreError } from './store.js';
export { next, type SubmissionAction } from './submission.js';
