// @seggio/link: the console <-> booth protocol of a section (docs/design.md §1, §3).
export { enableTokenBytes, LINK_VERSION, MAX_BOOTH_FRAME_BYTES, MAX_CONSOLE_FRAME_BYTES, openFrame, signFrame, type Frame, type FrameRejection } from './frame.js';
export { AFTER_CLOSE_ONLY, BoothMessage, CHUNK_BYTES, chunkByBytes, BoothState, ConsoleMessage, EnableToken, WireCertificateSchema } from './messages.js';
export { LinkClient, LinkServer, type Connection } from './transport.js';
export { checkCounter, Outbox, type CounterVerdict, type OutboxStore } from './outbox.js';
export { RejectionTally, type RejectionCount } from './rejections.js';
export {
  english,
  FRAME_REJECTIONS,
  figureNames,
  isCode,
  OUT_OF_SERVICE_CODES,
  REFUSED_CODES,
  rejection,
  type Figures,
  type FrameRejectionCode,
  type OutOfServiceCode,
  type RefusedCode,
  type Rejection,
} from './codes.js';
export { CERTIFICATE_FOLDER, certificatePathFor, checkWireCertificate, enrolMachine, MachineIdentity, readCertificate, type Enrolment, type ImportProblem, type WireCertificate } from './machine.js';
