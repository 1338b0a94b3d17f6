// The calls and events the console's interface may use, whatever carries them: Electron IPC through
// the preload, or the web shell's WebSocket (docs/design.md §1). Every input and output is plain JSON: the
// election package's bytes travel as base64. Types only, and the list of method names.
import type { Election } from '@seggio/ballot-core';
import type { Result } from '@seggio/crypto';
import type { ButtonName, DeviceStatus } from '@seggio/hardware/types';
import type { ConsoleApi, ConsoleView, PackageNames } from './api.js';

type Out<M extends keyof ConsoleApi> = Awaited<ReturnType<ConsoleApi[M]>>;
type In<M extends keyof ConsoleApi> = Parameters<ConsoleApi[M]>[0];

export type ConsoleCalls = {
  getView: { input: undefined; output: ConsoleView };
  getElection: { input: undefined; output: Election | null };
  listPackages: { input: undefined; output: Out<'listPackages'> };
  loadPackage: { input: In<'loadPackage'>; output: Out<'loadPackage'> };
  /** The package and its signature as the president picked them, in base64, with their file names. */
  loadElectionFiles: { input: { bytes: string; signature: string; names?: PackageNames }; output: Result<{ digest: string }, string[]> };
  createKeys: { input: In<'createKeys'>; output: Out<'createKeys'> };
  listCertificates: { input: undefined; output: Out<'listCertificates'> };
  importCertificate: { input: In<'importCertificate'>; output: Out<'importCertificate'> };
  pairBooth: { input: In<'pairBooth'>; output: Out<'pairBooth'> };
  importRoll: { input: In<'importRoll'>; output: Out<'importRoll'> };
  lookupVoter: { input: In<'lookupVoter'>; output: Out<'lookupVoter'> };
  openVoting: { input: undefined; output: Out<'openVoting'> };
  enableBooth: { input: In<'enableBooth'>; output: Out<'enableBooth'> };
  cancelSession: { input: In<'cancelSession'>; output: Out<'cancelSession'> };
  recordTurnout: { input: In<'recordTurnout'>; output: Out<'recordTurnout'> };
  saveTurnoutReport: { input: In<'saveTurnoutReport'>; output: Out<'saveTurnoutReport'> };
  closeVoting: { input: undefined; output: Out<'closeVoting'> };
  reconcile: { input: undefined; output: Out<'reconcile'> };
  count: { input: In<'count'>; output: Out<'count'> };
  exportBundle: { input: In<'exportBundle'>; output: Out<'exportBundle'> };
};
export type ConsoleMethod = keyof ConsoleCalls;
export const CONSOLE_METHODS: readonly ConsoleMethod[] = [
  'getView', 'getElection', 'listPackages', 'loadPackage', 'loadElectionFiles', 'createKeys', 'listCertificates', 'importCertificate', 'pairBooth', 'importRoll', 'lookupVoter',
  'openVoting', 'enableBooth', 'cancelSession', 'recordTurnout', 'saveTurnoutReport', 'closeVoting', 'reconcile', 'count', 'exportBundle',
];

/** A button of the president's button box (hardware/profiles). */
export type ConsoleButton = Extract<ButtonName, 'enable-1' | 'enable-2' | 'enable-3' | 'enable-4' | 'cancel'>;

/** What the page hears: the console's view, the button box's presses, and how the devices stand. */
export type ConsoleEvents = { view: ConsoleView; buttons: ConsoleButton; devices: DeviceStatus[] };

/** `window.seggio`: one call function and the three event subscriptions, nothing more (R23). */
export interface ConsoleBridge {
  call<M extends ConsoleMethod>(method: M, input?: ConsoleCalls[M]['input']): Promise<ConsoleCalls[M]['output']>;
  onView(listener: (view: ConsoleView) => void): () => void;
  onButtons(listener: (button: ConsoleButton) => void): () => void;
  onDevices(listener: (status: DeviceStatus[]) => void): () => void;
}
