// The messages between a seat console and its booths (docs/design.md §2). During voting no message
// carries a selection or a ballot (docs/threat-model.md R4): ballots cross the LAN only in `ballots`, which a
// booth sends only once it is closed.
import { z } from 'zod';
import { WireCode, WireFigures } from './codes.js';

const id = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/);
const b64 = z.string().max(1 << 24).regex(/^[A-Za-z0-9+/]*={0,2}$/);
const session = z.string().regex(/^[0-9a-f]{32}$/);
const counter = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
/** A code of one of the link's catalogues (codes.ts) with its figures; the receiver checks it against the catalogue. */
const coded = { code: WireCode, params: WireFigures };

/** A document carried as its exact bytes (base64) with its detached signature. */
const signedDocument = z.strictObject({ bytes: b64, signature: b64 });
/** A fresh random value of one connection (R32). */
const nonce = z.string().regex(/^[A-Za-z0-9+/]{43}=$/);
/** An office-signed machine certificate (docs/design.md §6): its exact bytes, the signer and the signature. */
export const WireCertificateSchema = z.strictObject({ bytes: z.string().max(16_384).regex(/^[A-Za-z0-9+/]*={0,2}$/), signer: nonce, signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/) });

export const BoothState = z.enum(['unenrolled', 'unpaired', 'confirming', 'paired', 'ready', 'idle', 'in-session', 'closed', 'out-of-service']);
export type BoothState = z.infer<typeof BoothState>;

/** Booth -> console. */
export const BoothMessage = z.discriminatedUnion('type', [
  /**
   * First words on every connection, once the console's challenge has come: who the booth is (its
   * certificate), where it stands and what it last received. `challenge` is the console's nonce for
   * this connection, so a recorded hello cannot be replayed on another (R32); `nonce` is the booth's,
   * which the console's welcome must carry back.
   */
  z.strictObject({
    type: z.literal('hello'),
    state: BoothState,
    lastReceived: z.number().int().min(0),
    challenge: nonce,
    nonce,
    certificate: WireCertificateSchema.nullable(),
    /** Why the booth is out of service, when it is (codes.ts OUT_OF_SERVICE_CODES). */
    reason: z.strictObject(coded).optional(),
  }),
  z.strictObject({ type: z.literal('zero-report'), report: signedDocument }),
  /** Voting is open at the booth: the console counts a booth free only once it has said so. */
  z.strictObject({ type: z.literal('opened') }),
  z.strictObject({ type: z.literal('session-started'), session, counter }),
  z.strictObject({ type: z.literal('cast'), session, counter }),
  z.strictObject({ type: z.literal('cancelled'), session, counter }),
  /** Why the booth refused the console's message of `counter` (codes.ts REFUSED_CODES). */
  z.strictObject({ type: z.literal('refused'), counter: z.number().int().min(0), ...coded }),
  /** The booth's store failed (R8), codes.ts OUT_OF_SERVICE_CODES. */
  z.strictObject({ type: z.literal('out-of-service'), ...coded }),
  z.strictObject({ type: z.literal('seal'), seal: signedDocument }),
  z.strictObject({
    type: z.literal('ballots'),
    ballots: z.array(z.strictObject({ h: z.string().regex(/^[0-9a-f]{64}$/), contest: id, ct: b64, sig: b64 })).max(100_000),
  }),
  z.strictObject({ type: z.literal('log'), lines: z.array(z.string().max(4096)).max(200_000) }),
  /**
   * Whether the booth's accessible keypad and its voice are there (R27, R29): the keypad's connection
   * only, never a key pressed; whether the booth can speak, never what it says. null: not known.
   */
  z.strictObject({ type: z.literal('devices'), keypad: z.enum(['connected', 'absent', 'error']).nullable(), voice: z.boolean().nullable() }),
  /**
   * The voter in the session has been still so long that the booth asks for the president (R11), or
   * has gone on again: only that, never where the voter is in the ballots.
   */
  z.strictObject({ type: z.literal('attention'), session, calling: z.boolean() }),
]);
export type BoothMessage = z.infer<typeof BoothMessage>;

/** The enable token of docs/threat-model.md R10, signed by the console over its canonical JSON. */
export const EnableToken = z.strictObject({
  election: z.string().regex(/^[0-9a-f]{64}$/),
  booth: id,
  counter,
  session,
  contests: z.array(id).min(1).max(10),
});
export type EnableToken = z.infer<typeof EnableToken>;

/** Console -> booth. */
export const ConsoleMessage = z.discriminatedUnion('type', [
  /** First words on every connection, unaddressed, counter 0: the nonce the booth's hello must carry (R32). */
  z.strictObject({ type: z.literal('challenge'), nonce }),
  /** The answer to a hello: where the console stands, with the booth's nonce of this connection. */
  z.strictObject({ type: z.literal('welcome'), lastReceived: z.number().int().min(0), nonce }),
  /**
   * The signed election package, the signed set-up and the console's certificate; the booth checks
   * them all, then the president confirms the console on the booth, before it pins anything.
   */
  z.strictObject({ type: z.literal('setup'), booth: id, election: signedDocument, setup: signedDocument, consoleCertificate: WireCertificateSchema }),
  z.strictObject({ type: z.literal('open') }),
  z.strictObject({ type: z.literal('enable'), token: EnableToken, signature: b64 }),
  z.strictObject({ type: z.literal('cancel'), session, counter }),
  z.strictObject({ type: z.literal('close') }),
]);
export type ConsoleMessage = z.infer<typeof ConsoleMessage>;

/** Room for a booth's ballots or log lines in one frame, well within MAX_BOOTH_FRAME_BYTES beside the envelope. */
export const CHUNK_BYTES = 512 * 1024;

/** Splits `items` in order into runs whose JSON sizes add up to at most `budget` (a run holds at least one item). */
export function chunkByBytes<T>(items: readonly T[], budget = CHUNK_BYTES): T[][] {
  const chunks: T[][] = [];
  let run: T[] = [];
  let used = 0;
  for (const item of items) {
    const size = JSON.stringify(item).length + 1;
    if (run.length > 0 && used + size > budget) {
      chunks.push(run);
      run = [];
      used = 0;
    }
    run.push(item);
    used += size;
  }
  if (run.length > 0) chunks.push(run);
  return chunks;
}

/** Message types that may carry ballot material, and so never before close (R4). */
export const AFTER_CLOSE_ONLY: readonly BoothMessage['type'][] = ['ballots', 'seal', 'log'];
