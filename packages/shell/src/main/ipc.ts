// The one IPC channel of both apps (R23): the page's calls, answered only for the window's own page and
// only for the contract's methods (the app's dispatcher checks each input), and the contract's events sent
// back on one channel. The preload (src/preload) speaks the same two channel names.
import type { Dispatch, Hosted } from '../common/contract.js';
import type { AppOrigin } from './guards.js';

export const IPC_CALL = 'seggio:call';
export const IPC_EVENT = 'seggio:event';

/** The parts of Electron's ipcMain and of an invoke event the handler uses. */
export interface CallEvent {
  readonly sender: unknown;
  readonly senderFrame: { readonly url: string } | null;
}
export interface IpcMainLike {
  handle(channel: string, listener: (event: CallEvent, method: unknown, input: unknown) => unknown): void;
}

/** The window's contents: where the calls must come from and the events go. */
export interface PageContents {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/** Answers the page's calls: a call from another sender or frame, or for a method not in the contract, is refused (thrown to the caller). */
export function serveCalls(ipcMain: IpcMainLike, contents: PageContents, origin: AppOrigin, dispatch: Dispatch): void {
  ipcMain.handle(IPC_CALL, (event, method, input) => {
    if (event.sender !== contents || !event.senderFrame || !origin.isOwnUrl(event.senderFrame.url)) throw new Error('refused');
    const call = dispatch(method, input);
    if (!call.known) throw new Error('unknown method');
    return call.answer;
  });
}

/**
 * The contract's events for the page, subscribed again on each load of it (a reload starts from
 * nothing, as a new web shell connection does). Returns the unsubscribe.
 */
export function sendEvents(contents: PageContents, events: Hosted['events']): () => void {
  const unsubscribes = Object.entries(events).map(([name, subscribe]) =>
    subscribe((data) => {
      if (!contents.isDestroyed()) contents.send(IPC_EVENT, name, data);
    }),
  );
  return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
}
