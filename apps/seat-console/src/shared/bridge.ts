// The console's contract with its page (docs/design.md §1), declared once: the calls and events its
// interface may use, whatever carries them (Electron IPC through the shared preload, or the web shell's
// WebSocket), each input checked for its shape as it crossed from the page, and what the page is told
// of an action its service could not be asked. Every input and output is plain JSON: the election
// package's bytes travel as base64. The IPC handler, the web shell and the page's bridge are derived from it.
import { CATEGORIES, type Election } from '@seggio/ballot-core';
import { err, type Result } from '@seggio/crypto';
import type { ButtonName, DeviceStatus } from '@seggio/hardware/types';
import { accept, event, malformed, noInput, withInput, type CallsOf, type Checked, type EventsOf, type WhenLost } from '@seggio/shell/contract';
import type { ConsoleApi, ConsoleView, PackageNames } from './api.js';
import { refusal, type Refusal } from './refusals.js';

type Out<M extends keyof ConsoleApi> = Awaited<ReturnType<ConsoleApi[M]>>;
type In<M extends keyof ConsoleApi> = Parameters<ConsoleApi[M]>[0];

const isObject = (input: unknown): input is Record<string, unknown> => typeof input === 'object' && input !== null && !Array.isArray(input);
const strings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');
const shape = (method: keyof ConsoleApi) => err(refusal('request-malformed', { method }));

/** A method of the service's Api whose input, once `valid` holds of it, is passed on as the page sent it. */
function api<M extends keyof ConsoleApi>(valid: (input: Record<string, unknown>) => boolean, refused: Out<M>, lost: WhenLost = 'reason') {
  return withInput<In<M>, Out<M>>((raw): Checked<In<M>, Out<M>> => (isObject(raw) && valid(raw) ? accept(raw as In<M>) : malformed(refused)), lost);
}

/** The package and its signature as the president picked them, in base64, with their file names. */
export interface ElectionFiles {
  readonly bytes: string;
  readonly signature: string;
  readonly names?: PackageNames;
}

export const CONSOLE_CONTRACT = {
  methods: {
    getView: noInput<ConsoleView>(),
    getElection: noInput<Election | null>(),
    listPackages: noInput<Out<'listPackages'>>('reason'),
    loadPackage: api<'loadPackage'>((i) => typeof i.file === 'string', err([refusal('request-malformed', { method: 'loadPackage' })]), 'reasons'),
    loadElectionFiles: withInput<ElectionFiles, Result<{ digest: string }, Refusal[]>>(
      (raw) => (isObject(raw) && typeof raw.bytes === 'string' && typeof raw.signature === 'string' ? accept(raw as unknown as ElectionFiles) : malformed(err([refusal('package-files-missing')]))),
      'reasons',
    ),
    createKeys: api<'createKeys'>((i) => typeof i.section === 'string' && (i.threshold === undefined || typeof i.threshold === 'number') && (i.count === undefined || typeof i.count === 'number'), shape('createKeys')),
    listCertificates: noInput<Out<'listCertificates'>>('reason'),
    importCertificate: api<'importCertificate'>((i) => typeof i.file === 'string', shape('importCertificate')),
    pairBooth: api<'pairBooth'>((i) => typeof i.fingerprint === 'string' && (i.id === undefined || typeof i.id === 'string'), shape('pairBooth')),
    importRoll: api<'importRoll'>((i) => typeof i.file === 'string' && typeof i.text === 'string', err([refusal('roll-missing')]), 'reasons'),
    lookupVoter: api<'lookupVoter'>((i) => Number.isInteger(i.number), shape('lookupVoter')),
    openVoting: noInput<Out<'openVoting'>>('reason'),
    enableBooth: api<'enableBooth'>(
      (i) => typeof i.booth === 'string' && (CATEGORIES as readonly unknown[]).includes(i.category) && (i.sex === 'M' || i.sex === 'F') && (i.accepts === undefined || strings(i.accepts)) && (i.voter === undefined || Number.isInteger(i.voter)),
      shape('enableBooth'),
    ),
    cancelSession: api<'cancelSession'>((i) => typeof i.session === 'string', shape('cancelSession')),
    recordTurnout: api<'recordTurnout'>((i) => typeof i.checkpoint === 'string' && (i.early === undefined || typeof i.early === 'boolean'), shape('recordTurnout')),
    saveTurnoutReport: api<'saveTurnoutReport'>((i) => typeof i.checkpoint === 'string', shape('saveTurnoutReport')),
    closeVoting: api<'closeVoting'>((i) => i.early === undefined || typeof i.early === 'boolean', shape('closeVoting')),
    reconcile: noInput<Out<'reconcile'>>('reasons'),
    count: api<'count'>((i) => strings(i.shares), err([refusal('shares-missing')]), 'reasons'),
    retryOfficePush: noInput<Out<'retryOfficePush'>>('reason'),
    exportBundle: api<'exportBundle'>((i) => typeof i.dir === 'string' && i.dir.trim() !== '' && (i.publicOnly === undefined || typeof i.publicOnly === 'boolean'), err([refusal('bundle-folder-missing')]), 'reasons'),
  },
  /** What the page hears: the console's view, the button box's presses, and how the devices stand. */
  events: { view: event<ConsoleView>(), buttons: event<ConsoleButton>(), devices: event<DeviceStatus[]>() },
} as const;

export type ConsoleContract = typeof CONSOLE_CONTRACT;
export type ConsoleCalls = CallsOf<ConsoleContract>;
export type ConsoleMethod = keyof ConsoleCalls;
export type ConsoleEvents = EventsOf<ConsoleContract>;

/** A button of the president's button box (hardware/profiles). */
export type ConsoleButton = Extract<ButtonName, 'enable-1' | 'enable-2' | 'enable-3' | 'enable-4' | 'cancel'>;
