// "Inviare al Comune" (docs/design.md §7): the console sends each recorded checkpoint as a signed
// `seggio/turnout@1` document, and the section's public export once written, to the office address
// the election package names. What the office has not acknowledged stays queued (in the store, so a
// restarted console sends it too) and is tried again, less often the longer the office is away. The
// public export's push is shown to the president (status) who may try it again at once (retry).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { documentBytes, encodeSidecar, type OfficeAnswerProblem, type TurnoutDocument } from '@seggio/ballot-core';
import { toBase64, utf8, type SeggioCrypto, type SigningKeyPair } from '@seggio/crypto';
import tar from 'tar-stream';
import type { Figures, OfficePushView } from '../shared/api.js';
import type { ConsoleStore } from './store.js';

/** What the push needs of the console: the office address, and the key and set-up once they exist. */
export interface PushSource {
  readonly url: () => string | null;
  readonly signer: () => { readonly key: SigningKeyPair; readonly election: string; readonly section: string; readonly setup: Uint8Array } | null;
  /** The push's state changed: the president's view is drawn again. */
  readonly changed: () => void;
}

const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000] as const;
const TIMEOUT_MS = 10_000;

/** The public export as a tar archive: the bundle without the urna key (docs/bundle-format.md "Who gets what"). */
export async function publicExportArchive(dir: string): Promise<Uint8Array> {
  const pack = tar.pack();
  const names = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .filter((name) => name !== 'urna-key.json' && name !== 'urna-key.json.sig')
    .sort();
  for (const name of names) {
    const bytes = readFileSync(join(dir, name));
    pack.entry({ name, size: bytes.length, mtime: new Date(0), mode: 0o644 }, bytes);
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** How much of an office's answer is kept for the president: it is the office's text, not ours. */
export const ANSWER_LIMITS = { problems: 20, params: 10, code: 80, name: 40, value: 400, unreadable: 200, time: 40 } as const;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
/** A value of the office's JSON as text (JSON.parse gives nothing JSON.stringify cannot write). */
const asText = (value: unknown, max: number) => clip(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''), max);

/** The reasons or notes in an office's answer, each a code and its figures as text, bounded; anything else dropped. */
export function officeProblems(value: unknown): OfficeAnswerProblem[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((p): p is { code?: unknown; params?: unknown } => typeof p === 'object' && p !== null && !Array.isArray(p))
    .slice(0, ANSWER_LIMITS.problems)
    .map((p) => ({
      code: asText(p.code, ANSWER_LIMITS.code),
      params: Object.fromEntries(
        Object.entries(typeof p.params === 'object' && p.params !== null && !Array.isArray(p.params) ? p.params : {})
          .slice(0, ANSWER_LIMITS.params)
          .map(([k, v]) => [clip(k, ANSWER_LIMITS.name), asText(v, ANSWER_LIMITS.value)]),
      ),
    }));
}

/** The most of an office's answer that is read: past it, the rest is not fetched. */
export const ANSWER_BYTES = 64 * 1024;

/** A response's body as text, reading at most `max` bytes of it and dropping the rest unread. */
export async function boundedText(response: Response, max: number): Promise<string> {
  const reader = (response.body as ReadableStream<Uint8Array> | null)?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < max) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  if (size >= max) await reader.cancel();
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, max));
}

/** A time the office gave, kept only if it is one. */
const timeGiven = (value: unknown): string | null => (typeof value === 'string' && value.length <= ANSWER_LIMITS.time && !Number.isNaN(Date.parse(value)) ? value : null);

/** The office's answer to a pushed export as the president reads it: accepted with its time and notes, or refused with its reasons. */
export function answerView(text: string): OfficePushView {
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    answer = undefined;
  }
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) return { state: 'refused', at: null, problems: [], unreadable: clip(text, ANSWER_LIMITS.unreadable) };
  const { ok, submission, problems } = answer as { ok?: unknown; submission?: unknown; problems?: unknown };
  const given = typeof submission === 'object' && submission !== null ? (submission as { state?: unknown; receivedAt?: unknown; problems?: unknown }) : {};
  const at = timeGiven(given.receivedAt);
  if (ok === true && given.state === 'accepted') return { state: 'accepted', at, problems: officeProblems(given.problems) };
  const reasons = officeProblems(Array.isArray(given.problems) ? given.problems : problems);
  // Another copy of the result the office already counted (an export made again): the result is there.
  if (reasons.length > 0 && reasons.every((p) => p.code === 'same-result')) return { state: 'accepted', at, problems: reasons };
  return { state: 'refused', at, problems: reasons, unreadable: null };
}

export class OfficePush {
  #timer: NodeJS.Timeout | null = null;
  #failures = 0;
  #stopped = false;
  #sending: Promise<void> | null = null;
  /** Something was queued while a round was under way: one more round right after it. */
  #again = false;
  /** Why the office was last not reached, and when it is tried again; null once it answers. */
  #unreached: { readonly reason: string; readonly retryAt: string | null; readonly problems: readonly OfficeAnswerProblem[] } | null = null;

  constructor(readonly crypto: SeggioCrypto, readonly store: ConsoleStore, readonly source: PushSource) {}

  /** The turnout document of a recorded checkpoint with its set-up, as the office's intake takes them. */
  turnoutSubmission(checkpoint: string): Record<'turnout' | 'turnoutSignature' | 'setup' | 'setupSignature', string> | null {
    const signer = this.source.signer();
    const recorded = this.store.turnout().find((t) => t.checkpoint === checkpoint);
    if (!signer || !recorded) return null;
    const doc: TurnoutDocument = {
      format: 'seggio/turnout@1', election: signer.election, section: signer.section, setup: this.crypto.sha256Hex(signer.setup), checkpoint,
      contests: JSON.parse(recorded.figures) as Record<string, Figures>,
    };
    const bytes = documentBytes(doc);
    const sidecar = (b: Uint8Array) => toBase64(utf8(encodeSidecar({ signer: signer.key.publicKey, signature: this.crypto.sign(b, signer.key) })));
    return { turnout: toBase64(bytes), turnoutSignature: sidecar(bytes), setup: toBase64(signer.setup), setupSignature: sidecar(signer.setup) };
  }

  /** After a checkpoint is recorded, or a bundle written: send what is queued. */
  bundleWritten(dir: string): void {
    if (!this.source.url()) return;
    this.store.setOfficeBundle(dir, null);
    this.send();
  }

  send(): void {
    if (this.#stopped || !this.source.url()) return;
    if (this.#sending) {
      this.#again = true;
      return;
    }
    if (this.#timer) clearTimeout(this.#timer);
    this.#sending = this.#sendAll().finally(() => {
      this.#sending = null;
      if (this.#again) {
        this.#again = false;
        this.send();
      }
    });
  }

  /** What the office last answered for the bundle, if anything. */
  get bundleAnswer(): string | null {
    return this.store.officeBundle()?.answer ?? null;
  }

  /** How the public export's push stands, for the closing screen; null with no office or nothing to send. */
  status(): OfficePushView | null {
    const queued = this.store.officeBundle();
    if (!this.source.url() || !queued) return null;
    if (queued.answer === null) return this.#unreached ? { state: 'queued', ...this.#unreached } : { state: 'sending' };
    return answerView(queued.answer);
  }

  /** "Inviare al Comune": the export sent again now, not at its next try; one the office accepted is not sent twice. */
  retry(): boolean {
    const queued = this.store.officeBundle();
    if (!this.source.url() || !queued || (queued.answer !== null && answerView(queued.answer).state === 'accepted')) return false;
    // A refusal is sent again only when asked: the office may have been put right since.
    if (queued.answer !== null) this.store.setOfficeBundle(queued.dir, null);
    this.#failures = 0;
    this.#unreached = null;
    this.source.changed();
    this.send();
    return true;
  }

  async #sendAll(): Promise<void> {
    const url = this.source.url();
    if (!url) return;
    let failed = false;
    let unreached: { readonly reason: string; readonly problems: readonly OfficeAnswerProblem[] } | null = null;
    for (const { checkpoint, officeAnswer } of this.store.turnout()) {
      if (officeAnswer) continue;
      const body = this.turnoutSubmission(checkpoint);
      if (!body) continue;
      const answer = await this.#post(new URL('api/v1/turnout', url), 'application/json', utf8(JSON.stringify(body)));
      // A refusal is an answer too: sending it again would get the same one. Only no answer is retried.
      if (typeof answer !== 'string') {
        failed = true;
        unreached ??= answer;
      } else if (!this.#stopped) this.store.setTurnoutAnswer(checkpoint, answer);
    }
    const queued = this.store.officeBundle();
    const dir = queued?.dir;
    // The export only once every recorded turnout has its answer: the office matches the export's set-up
    // to the one that reported turnout, and an export that overtook its turnout would be counted unmatched.
    if (!failed && dir && !queued.answer && existsSync(dir) && statSync(dir).isDirectory()) {
      const answer = await this.#post(new URL('api/v1/sections', url), 'application/x-tar', await publicExportArchive(dir));
      if (typeof answer !== 'string') {
        failed = true;
        unreached = answer;
      } else if (!this.#stopped) this.store.setOfficeBundle(dir, answer);
    }
    this.#failures = failed ? this.#failures + 1 : 0;
    this.#unreached = null;
    if (failed && !this.#stopped) {
      const wait = RETRY_MS[Math.min(this.#failures, RETRY_MS.length) - 1]!;
      if (unreached) this.#unreached = { ...unreached, retryAt: new Date(Date.now() + wait).toISOString() };
      this.#timer = setTimeout(() => this.send(), wait);
      this.#timer.unref();
    }
    if (!this.#stopped) this.source.changed();
  }

  /**
   * The office's answer as text, or why it was not taken now: no answer, or one that asks to come back
   * later (5xx, 429), with the reasons the office gave for it, if any.
   */
  async #post(url: URL, type: string, body: Uint8Array): Promise<string | { readonly reason: string; readonly problems: readonly OfficeAnswerProblem[] }> {
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': type }, body, signal: AbortSignal.timeout(TIMEOUT_MS) });
      const text = await boundedText(response, ANSWER_BYTES);
      if (response.status >= 500 || response.status === 429) {
        let said: unknown;
        try {
          said = (JSON.parse(text) as { problems?: unknown } | null)?.problems;
        } catch {
          said = undefined;
        }
        return { reason: `HTTP ${response.status}`, problems: officeProblems(said) };
      }
      return text;
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return { reason: cause ?? (error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : String(error)), problems: [] };
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#sending;
  }
}
