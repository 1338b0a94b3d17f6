// A whole election day, headless: a seat console (in this process) and booths (each its own process)
// over real WebSockets on loopback, from set-up to the signed bundle (docs/design.md §2).
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeSidecar, signBytes, type Election, type GeneratedDay, type GeneratedVoter } from '@seggio/ballot-core';
import type { BoothView, CastInput } from '@seggio/booth';
import { toBase64, type SigningKeyPair } from '@seggio/crypto';
import { nodeCrypto } from '@seggio/crypto/node';
import { enrolMachine } from '@seggio/link';
import { SeatConsole } from '@seggio/seat-console';
import { TEST_ROOT } from '../support/paths.js';
import type { FromBooth, ToBooth } from './booth-process.js';

const BOOTH_SCRIPT = join(TEST_ROOT, 'dist', 'simulate', 'booth-process.js');

export async function waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 20_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** A booth process the day can kill -9 and start again on the same store. */
export class BoothProcess {
  view: BoothView | null = null;
  #child: ChildProcess | null = null;
  readonly #results = new Map<string, { ok: boolean; error?: string }>();
  exits = 0;

  constructor(readonly storePath: string, readonly officeKey: Uint8Array, readonly consoleUrl: string, readonly machineKeyPath: string) {}

  start(): void {
    this.view = null;
    const child = fork(BOOTH_SCRIPT, [this.storePath, toBase64(this.officeKey), this.consoleUrl, this.machineKeyPath], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
    child.on('message', (message: FromBooth) => {
      if (message.type === 'view') this.view = message.view;
      else if (message.type === 'cast-result') this.#results.set(message.session, message);
      else throw new Error(`booth process failed: ${message.error}`);
    });
    child.on('exit', () => {
      this.exits++;
      if (this.#child === child) {
        this.#child = null;
        this.view = null;
      }
    });
    this.#child = child;
  }

  get alive(): boolean {
    return this.#child !== null;
  }

  /**
   * Sends the voter's selections; resolves with the booth's answer, or null if the process died first.
   * With `killAfterMs`, the process is killed that long after the voter confirms, and is dead when this
   * resolves, whether the answer came before the kill or not.
   */
  async cast(input: CastInput, killAfterMs?: number): Promise<{ ok: boolean; error?: string } | null> {
    const child = this.#child!;
    this.#results.delete(input.session);
    child.send({ type: 'cast', input } satisfies ToBooth);
    if (killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    const answer = await waitFor(() => this.#results.get(input.session) ?? (this.#child !== child ? null : undefined), `booth cast ${input.session}`);
    if (killAfterMs !== undefined) await waitFor(() => this.#child !== child, 'the killed booth to die');
    return answer;
  }

  /** The president confirms the console on this booth. */
  confirm(): void {
    this.#child!.send({ type: 'confirm' } satisfies ToBooth);
  }

  async kill(): Promise<void> {
    const child = this.#child;
    if (!child) return;
    child.kill('SIGKILL');
    await waitFor(() => this.#child !== child, 'booth process to die');
  }

  async stop(): Promise<void> {
    const child = this.#child;
    if (!child) return;
    child.send({ type: 'stop' } satisfies ToBooth);
    await waitFor(() => this.#child !== child, 'booth process to stop');
  }
}

export interface DayOptions {
  readonly election: Election;
  readonly electionBytes: Uint8Array;
  readonly section: string;
  readonly day: GeneratedDay;
  readonly booths: number;
  readonly out: string;
  /** Every n-th voter is preceded by one who walks away and is cancelled by the president. */
  readonly cancelEvery?: number;
  /** Called before a voter's first cast; returns how many ms after the voter confirms to kill -9 the booth. */
  readonly chaos?: (voter: number, booth: BoothProcess) => number | undefined;
  readonly shareIndexes?: readonly number[];
  /** The office key that signs the election; a fresh one when not given (each day its own office). */
  readonly officeKey?: SigningKeyPair;
}

export interface DayResult {
  readonly bundle: string;
  readonly officeKey: SigningKeyPair;
  /** The machines' key files and certificates: console.key and B<n>.key. */
  readonly machines: string;
  readonly console: SeatConsole;
  readonly booths: readonly BoothProcess[];
  /** Sessions whose booth answered "recorded" to the voter. */
  readonly acknowledged: readonly string[];
  readonly kills: number;
}

/** Runs the day and writes DIR/bundle, DIR/office.pub and DIR/expected.json. Leaves console and booths running. */
export async function runDay(options: DayOptions): Promise<DayResult> {
  const { out, election } = options;
  const work = join(out, 'work');
  mkdirSync(work, { recursive: true });
  const officeKey = options.officeKey ?? nodeCrypto.generateSigningKeyPair();
  writeFileSync(join(out, 'office.pub'), `${toBase64(officeKey.publicKey)}\n`);
  writeFileSync(join(out, 'expected.json'), `${JSON.stringify(options.day.expected, null, 2)}\n`);
  const signature = new TextEncoder().encode(encodeSidecar(signBytes(nodeCrypto, options.electionBytes, officeKey)));

  // Every machine enrolled with the day's office key, as the office would before the day (docs/design.md §6).
  const machines = join(work, 'machines');
  const comune = election.comune.istat;
  enrolMachine(nodeCrypto, officeKey, { keyPath: join(machines, 'console.key'), role: 'console', machine: `CONSOLE-${comune}-${options.section}`, comune });
  const seat = await SeatConsole.start(nodeCrypto, { storePath: join(work, 'console.db'), machineKeyPath: join(machines, 'console.key'), officeKey: officeKey.publicKey, host: '127.0.0.1', port: 0, say: () => undefined });
  const must = <T, E>(result: { ok: true; value: T } | { ok: false; error: E }, what: string): T => {
    if (!result.ok) throw new Error(`${what}: ${JSON.stringify(result.error)}`);
    return result.value;
  };
  must(seat.loadElection({ bytes: options.electionBytes, signature }), 'load the election');
  const { shares } = must(await seat.createKeys({ section: options.section }), 'create the keys');

  const booths = Array.from({ length: options.booths }, (_, i) => {
    const keyPath = join(machines, `B${i + 1}.key`);
    enrolMachine(nodeCrypto, officeKey, { keyPath, role: 'booth', machine: `CABINA-${comune}-${options.section}-${i + 1}`, comune });
    return new BoothProcess(join(work, `booth-${i + 1}.db`), officeKey.publicKey, seat.url, keyPath);
  });
  for (const [i, booth] of booths.entries()) {
    booth.start();
    const fp = await waitFor(() => booth.view?.boothFingerprint, `booth ${i + 1} to start`);
    await waitFor(() => seat.getView().pendingBooths.some((p) => p.fingerprint === fp), `booth ${i + 1} to reach the console`);
    must(seat.pairBooth({ fingerprint: fp, id: `B${i + 1}` }), `pair booth ${i + 1}`);
    await waitFor(() => booth.view?.state === 'confirming', `booth ${i + 1} to show the console`);
    booth.confirm();
  }
  await waitFor(() => seat.getView().booths.every((b) => b.zeroReport), 'zero reports');
  must(seat.openVoting(), 'open voting');

  const checkpoints = election.turnoutCheckpoints.slice(0, -1);
  const voters = options.day.voters;
  const acknowledged: string[] = [];
  let kills = 0;
  for (const [i, voter] of voters.entries()) {
    const booth = i % booths.length;
    const boothProcess = booths[booth]!;
    const id = `B${booth + 1}`;
    if (options.cancelEvery && i % options.cancelEvery === options.cancelEvery - 1) await walkAway(seat, id, voter, must);
    const { session } = must(await enableWhenFree(seat, id, voter), `enable ${id}`);
    for (let attempt = 0; ; attempt++) {
      await waitFor(() => boothProcess.view?.session?.id === session && boothProcess.view, `${id} to start session`);
      const killAfter = attempt === 0 ? options.chaos?.(i, boothProcess) : undefined;
      const answer = await boothProcess.cast({ session, selections: voter.selections }, killAfter);
      if (answer?.ok) acknowledged.push(session);
      if (answer && !answer.ok) throw new Error(`${id} refused voter ${i}: ${answer.error}`);
      if (boothProcess.alive) break;
      // Killed: start it again on the same store. A vote it committed is there; one it did not, the voter casts again.
      kills++;
      boothProcess.start();
      await waitFor(() => seat.getView().booths.find((b) => b.id === id)?.connected && boothProcess.view?.connected, `${id} to come back`);
      const state = await waitFor(() => seat.store.session(session)?.state === 'cast' ? 'cast' : boothProcess.view?.state === 'in-session' ? 'again' : undefined, `${id} to settle`);
      // Recorded before the kill, though the voter may not have seen it: the console learns it from the outbox.
      if (state === 'cast') break;
    }
    await waitFor(() => seat.store.session(session)?.state === 'cast', `the console to see ${id} cast`);
    const due = checkpoints[Math.floor(((i + 1) * (checkpoints.length + 1)) / voters.length) - 1];
    if (due && !seat.store.turnout().some((t) => t.checkpoint === due.id)) must(seat.recordTurnout({ checkpoint: due.id }), 'record turnout');
  }
  must(seat.closeVoting(), 'close');
  await waitFor(() => seat.phase === 'closed' && seat.store.booths().every((b) => b.log), 'every booth to seal', 60_000);
  const picks = options.shareIndexes ?? [0, 2, 4];
  must(await seat.count({ shares: picks.map((k) => shares[k]!) }), 'count');
  const bundle = join(out, 'bundle');
  must(await seat.exportBundle({ dir: bundle }), 'export');
  return { bundle, officeKey, machines, console: seat, booths, acknowledged, kills };
}

async function enableWhenFree(seat: SeatConsole, booth: string, voter: GeneratedVoter) {
  await waitFor(() => seat.getView().booths.find((b) => b.id === booth && b.state === 'idle' && !b.session && b.connected), `${booth} to be free`);
  return seat.enableBooth({ booth, category: voter.category, sex: voter.sex, accepts: Object.keys(voter.selections) });
}

/** A voter is enabled, then walks away; the president cancels (R11). */
async function walkAway(seat: SeatConsole, booth: string, voter: GeneratedVoter, must: <T>(r: { ok: true; value: T } | { ok: false; error: unknown }, what: string) => T) {
  const { session } = must(await enableWhenFree(seat, booth, voter), 'enable a walk-away');
  await waitFor(() => seat.store.session(session)?.state === 'started', `${booth} to start the walk-away session`);
  must(seat.cancelSession({ session }), 'cancel');
  await waitFor(() => seat.store.session(session)?.state === 'cancelled', `${booth} to cancel`);
}

export async function endDay(result: DayResult): Promise<void> {
  for (const booth of result.booths) await booth.stop();
  await result.console.stop();
}
