// @seggio/link: the console <-> booth protocol of a section (DESIGN.md §1, §3).
export { enableTokenBytes, MAX_FRAME_BYTES, openFrame, signFrame, type Frame, type FrameRejection } from './frame.js';
export { AFTER_CLOSE_ONLY, BoothMessage, BoothState, ConsoleMessage, EnableToken } from './messages.js';
export { LinkClient, LinkServer, type Connection } from './transport.js';
