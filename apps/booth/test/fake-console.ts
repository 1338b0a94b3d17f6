// A scripted console for booth tests: it pairs a booth, then sends whatever frames a test needs,
// well-formed or hostile, and keeps every frame the booth sends.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentBytes, parseElection, signCertificate, type Election, type MachineCertificate, type Setup } from '@seggio/ballot-core';
import { fromBase64, toBase64, toHex, type SigningKeyPair } from '@seggio/crypto';
import { nodeCrypto } from '@seggio/crypto/node';
import { BoothMessage, enableTokenBytes, enrolMachine, LinkServer, openFrame, signFrame, type Connection, type ConsoleMessage, type EnableToken, type WireCertificate } from '@seggio/link';
import { BoothService } from '../src/service/index.js';

export const ELECTION_BYTES = readFileSync(new URL('../../../fixtures/sanvalle-2020.election.json', import.meta.url));
export const ELECTION = (parseElection(ELECTION_BYTES) as { ok: true; value: Election }).value;
export const DIGEST = nodeCrypto.sha256Hex(ELECTION_BYTES);

export async function until<T>(probe: () => T | undefined | false, what: string, ms = 10_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== null && v !== false) return v;
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

export class FakeConsole {
  readonly received: BoothMessage[] = [];
  readonly texts: string[] = [];
  counter = 0;
  tokenCounter = 0;
  connection: Connection | null = null;
  boothKey: Uint8Array | null = null;

  private constructor(
    readonly server: LinkServer,
    readonly key: SigningKeyPair,
    readonly office: SigningKeyPair,
    readonly urna = nodeCrypto.generateBoxKeyPair(),
  ) {
    server.on('frame', (connection, text) => {
      this.connection = connection;
      const frame = openFrame(nodeCrypto, key.publicKey, text, BoothMessage, true);
      if (!frame.ok) return;
      this.boothKey = frame.value.fromKey;
      this.texts.push(text);
      this.received.push(frame.value.body);
      const body = frame.value.body;
      if (body.type === 'hello' && frame.value.to !== null) connection.send(this.frame({ type: 'welcome', lastReceived: this.received.filter((b) => b.type !== 'hello').length, nonce: body.nonce }, this.counter));
    });
    // Link version 2: every connection opens with the console's challenge (R32).
    server.on('opened', (connection) => connection.send(signFrame(nodeCrypto, key, null, 0, { type: 'challenge', nonce: toBase64(nodeCrypto.randomBytes(32)) })));
  }

  /** The office's certificate for this console's key (docs/design.md §6); fields may be overridden to forge one. */
  certificate(overrides: Partial<MachineCertificate> = {}, signer = this.office): WireCertificate {
    const signed = signCertificate(nodeCrypto, signer, { comune: ELECTION.comune.istat, role: 'console', machine: 'C1', publicKey: toBase64(this.key.publicKey), ...overrides });
    return { bytes: toBase64(signed.bytes), signer: toBase64(signed.sidecar.signer), signature: toBase64(signed.sidecar.signature) };
  }

  static async start(key = nodeCrypto.generateSigningKeyPair(), office = nodeCrypto.generateSigningKeyPair(), urna = nodeCrypto.generateBoxKeyPair()): Promise<FakeConsole> {
    return new FakeConsole(await LinkServer.listen('127.0.0.1', 0), key, office, urna);
  }

  /** A frame to the booth; by default with the next counter. */
  frame(body: ConsoleMessage, counter = ++this.counter, signer = this.key): string {
    return signFrame(nodeCrypto, signer, this.boothKey, counter, body);
  }

  send(body: ConsoleMessage): string {
    const text = this.frame(body);
    this.connection!.send(text);
    return text;
  }

  token(overrides: Partial<EnableToken> = {}, signer = this.key): { token: EnableToken; signature: string } {
    const token: EnableToken = { election: DIGEST, booth: 'B1', counter: ++this.tokenCounter, session: toHex(nodeCrypto.randomBytes(16)), contests: ELECTION.scrutinyOrder, ...overrides };
    return { token, signature: toBase64(nodeCrypto.sign(enableTokenBytes(token), signer)) };
  }

  async next<T extends BoothMessage['type']>(type: T, after = 0): Promise<Extract<BoothMessage, { type: T }>> {
    return until(() => this.received.slice(after).find((b): b is Extract<BoothMessage, { type: T }> => b.type === type), `a ${type} from the booth`);
  }

  /** The set-up message for this booth, with the console's certificate (or the one given). */
  setupMessage(booth: BoothService, consoleCertificate = this.certificate()): ConsoleMessage {
    const setup: Setup = {
      format: 'seggio/setup@1',
      election: DIGEST,
      section: '3',
      console: toBase64(this.key.publicKey),
      consoleMachine: 'C1',
      urnaPublicKey: toBase64(this.urna.publicKey),
      booths: [{ id: 'B1', publicKey: toBase64(booth.publicKey), machine: booth.getView().machine ?? '' }],
      shares: { threshold: 3, count: 5 },
    };
    const bytes = documentBytes(setup);
    return {
      type: 'setup',
      booth: 'B1',
      election: { bytes: toBase64(ELECTION_BYTES), signature: toBase64(nodeCrypto.sign(ELECTION_BYTES, this.office)) },
      setup: { bytes: toBase64(bytes), signature: toBase64(nodeCrypto.sign(bytes, this.key)) },
      consoleCertificate,
    };
  }

  /**
   * Connects a booth, sends it the signed election and set-up, confirms the console on the booth as
   * the president would, waits for its zero report and opens voting.
   */
  async pair(booth: BoothService, open = true): Promise<void> {
    await until(() => this.boothKey, 'the booth to say hello');
    this.send(this.setupMessage(booth));
    await until(() => booth.getView().state === 'confirming', 'the booth to ask the president');
    booth.confirmConsole({ accept: true });
    await this.next('zero-report');
    if (open) {
      this.send({ type: 'open' });
      await until(() => booth.getView().state === 'idle', 'the booth to open');
    }
  }

  async close(): Promise<void> {
    await this.server.close();
  }
}

/** A booth enrolled by the fake console's office (machine BOOTH-1), with its key file in `keyPath`. */
export function startBooth(console: FakeConsole, storePath: string | null = null, keyPath = join(mkdtempSync(join(tmpdir(), 'seggio-booth-key-')), 'booth.key'), enrolled = true): BoothService {
  if (enrolled) enrolMachine(nodeCrypto, console.office, { keyPath, role: 'booth', machine: 'BOOTH-1', comune: ELECTION.comune.istat });
  return BoothService.start(nodeCrypto, { storePath, machineKeyPath: keyPath, officeKey: console.office.publicKey, consoleUrl: console.server.url, say: () => undefined });
}

export { fromBase64 };
