// What the booth's store holds, as the service reads it (store.ts, schema.sql).

export interface StoredBallot {
  readonly h: string;
  readonly contest: string;
  readonly ct: Uint8Array;
  readonly sig: Uint8Array;
}

export type TokenOutcome = 'open' | 'cast' | 'cancelled';
export interface StoredToken {
  readonly counter: number;
  readonly session: string;
  readonly contests: readonly string[];
  readonly signature: string;
  readonly outcome: TokenOutcome;
}

/** A signed document as the link carries it: its exact bytes and its signature, in base64. */
export interface SignedDocument {
  readonly bytes: string;
  readonly signature: string;
}

/** The console's set-up, pinned once the president confirmed the console on the booth (R32). */
export interface Pairing {
  readonly booth: string;
  readonly section: string;
  readonly election: SignedDocument;
  readonly electionDigest: string;
  readonly setup: SignedDocument;
  readonly consoleKey: Uint8Array;
  readonly consoleMachine: string;
  readonly urnaKey: Uint8Array;
}

/** The link's counters: the last frame sent (never used twice, though the outbox is pruned) and received. */
export interface LinkCounters {
  readonly lastSent: number;
  readonly lastReceived: number;
}
