// What every part of the console service works with (docs/design.md §1): passed to each part
// explicitly, so the parts are composed (console.ts) rather than stacked by inheritance.
import type { EventEmitter } from 'node:events';
import type { Election } from '@seggio/ballot-core';
import type { SeggioCrypto, SigningKeyPair } from '@seggio/crypto';
import type { BoothMessage, MachineIdentity } from '@seggio/link';
import type { ConsolePhase } from '../shared/api.js';
import { next, transitionEntry, type ConsoleAction } from './phase.js';
import type { ConsoleStore, StoredElection, StoredKeys } from './store.js';

export interface ConsoleConfig {
  readonly storePath: string | null;
  /** The console's machine key file (mode 0600, outside the store), made if missing; its certificate beside it. */
  readonly machineKeyPath: string;
  /** Where the console says what it did by itself (a machine key made); the terminal by default. */
  readonly say?: (line: string) => void;
  readonly officeKey: Uint8Array;
  /** The file the office key was read from, for the verify command the president is shown. */
  readonly officeKeyFile?: string;
  /** Where booths connect: the section LAN address, or 127.0.0.1 on one machine. */
  readonly host: string;
  readonly port: number;
  /** Where election packages arrive (the removable drive); none, and only files given directly load. */
  readonly packagesDir?: string | null;
  /** Where turnout reports and bundles are written by default; the president may choose another folder. */
  readonly exportDir?: string;
}

export type ConsoleEvents = { view: []; booth: [string, BoothMessage] };

export interface ConsoleContext {
  readonly crypto: SeggioCrypto;
  readonly store: ConsoleStore;
  readonly config: ConsoleConfig;
  /** The console's machine key (it signs everything the console signs) and its certificate. */
  readonly identity: MachineIdentity;
  readonly key: SigningKeyPair;
  readonly events: EventEmitter<ConsoleEvents>;
  /** The loaded election, parsed once from the store's bytes; null before one is loaded. */
  election: Election | null;
}

/** The election with what the set-up fixed, once both exist (from createKeys on). */
export interface SetUp {
  readonly election: Election;
  readonly stored: StoredElection;
  readonly keys: StoredKeys;
}

export function setUp(ctx: ConsoleContext): SetUp | null {
  const stored = ctx.store.election();
  const keys = ctx.store.keys();
  return ctx.election && stored && keys ? { election: ctx.election, stored, keys } : null;
}

/**
 * Moves the phase by `action`, inside the caller's transaction, with the log entry the change makes;
 * false, having changed nothing, when the action has no place in the phase the console is in.
 */
export function advance(store: ConsoleStore, action: ConsoleAction): boolean {
  const previous: ConsolePhase = store.phase();
  const following = next(previous, action);
  if (following === null) return false;
  store.setPhase(following);
  const entry = transitionEntry(previous, following, action);
  if (entry) store.appendLog(entry.event, entry.detail);
  return true;
}
