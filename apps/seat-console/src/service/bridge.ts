// The console contract's methods as both shells serve them (web shell and Electron IPC): each input
// is checked for its shape before it reaches the service, since it crossed from the page.
import { CATEGORIES } from '@seggio/ballot-core';
import { err, fromBase64 } from '@seggio/crypto';
import type { ConsoleView } from '../shared/api.js';
import type { ConsoleCalls } from '../shared/bridge.js';
import { refusal } from '../shared/refusals.js';
import type { SeatConsole } from './closing.js';

export type ConsoleMethods = { [M in keyof ConsoleCalls]: (input: ConsoleCalls[M]['input']) => ConsoleCalls[M]['output'] | Promise<ConsoleCalls[M]['output']> };

const isObject = (input: unknown): input is Record<string, unknown> => typeof input === 'object' && input !== null && !Array.isArray(input);
/** A file's name as a page gives it: a name, not a path, and short. */
const fileName = (value: unknown): value is string => typeof value === 'string' && /^[^/\\\0]{1,255}$/.test(value);
const strings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

/**
 * The view for the page, at most one per `ms`: a burst of booth messages (at close, a whole booth's
 * ballots) is one view. Returns the unsubscribe.
 */
export function onViewCoalesced(service: SeatConsole, listener: (view: ConsoleView) => void, ms = 20): () => void {
  let timer: NodeJS.Timeout | null = null;
  const changed = () => {
    timer ??= setTimeout(() => {
      timer = null;
      listener(service.getView());
    }, ms);
  };
  service.on('view', changed);
  return () => {
    service.off('view', changed);
    if (timer) clearTimeout(timer);
  };
}

export function consoleMethods(service: SeatConsole): ConsoleMethods {
  const shape = (what: string) => err(`the request for ${what} is not well formed`);
  return {
    getView: () => service.getView(),
    getElection: () => service.getElection(),
    listPackages: () => service.listPackages(),
    loadPackage: (input) => (isObject(input) && typeof input.file === 'string' ? service.loadPackage({ file: input.file }) : err(['the request to load a package is not well formed'])),
    loadElectionFiles: (input) => {
      if (!isObject(input) || typeof input.bytes !== 'string' || typeof input.signature !== 'string') return err([refusal('package-files-missing')]);
      const names = isObject(input.names) && fileName(input.names.package) && fileName(input.names.signature) ? { package: input.names.package, signature: input.names.signature } : undefined;
      try {
        return service.loadElection({ bytes: fromBase64(input.bytes), signature: fromBase64(input.signature), ...(names ? { names } : {}) });
      } catch {
        return err([refusal('package-files-damaged')]);
      }
    },
    createKeys: (input) =>
      isObject(input) && typeof input.section === 'string' && (input.threshold === undefined || typeof input.threshold === 'number') && (input.count === undefined || typeof input.count === 'number')
        ? service.createKeys(input)
        : shape('the keys'),
    listCertificates: () => service.listCertificates(),
    importCertificate: (input) => (isObject(input) && typeof input.file === 'string' ? service.importCertificate({ file: input.file }) : shape('a certificate')),
    pairBooth: (input) => (isObject(input) && typeof input.fingerprint === 'string' && (input.id === undefined || typeof input.id === 'string') ? service.pairBooth(input) : shape('pairing')),
    importRoll: (input) => (isObject(input) && typeof input.file === 'string' && typeof input.text === 'string' ? service.importRoll(input) : err(['the roll did not arrive'])),
    lookupVoter: (input) => (isObject(input) && Number.isInteger(input.number) ? service.lookupVoter(input) : shape('a voter')),
    openVoting: () => service.openVoting(),
    enableBooth: (input) =>
      isObject(input) && typeof input.booth === 'string' && (CATEGORIES as readonly unknown[]).includes(input.category) && (input.sex === 'M' || input.sex === 'F') && (input.accepts === undefined || strings(input.accepts)) && (input.voter === undefined || Number.isInteger(input.voter))
        ? service.enableBooth(input)
        : shape('enabling a booth'),
    cancelSession: (input) => (isObject(input) && typeof input.session === 'string' ? service.cancelSession(input) : shape('a cancellation')),
    recordTurnout: (input) => (isObject(input) && typeof input.checkpoint === 'string' ? service.recordTurnout(input) : shape('turnout')),
    saveTurnoutReport: (input) => (isObject(input) && typeof input.checkpoint === 'string' ? service.saveTurnoutReport(input) : shape('a turnout report')),
    closeVoting: () => service.closeVoting(),
    reconcile: () => service.reconcile(),
    count: (input) => (isObject(input) && strings(input.shares) ? service.count(input) : err(['the shares did not arrive'])),
    exportBundle: (input) => (isObject(input) && typeof input.dir === 'string' && input.dir.trim() !== '' && (input.publicOnly === undefined || typeof input.publicOnly === 'boolean') ? service.exportBundle(input) : err(['choose a folder for the bundle'])),
  };
}
