// The apps' side of the device layer: starts it in a worker thread, starts it again if the thread
// dies (with a pause that grows), and passes on button presses and status changes. With the fake
// backend, `fake` plugs, presses and unplugs devices inside that same thread.
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ButtonEvent, DeviceStatus } from './layer.js';
import type { ButtonName, Profile } from './profile.js';

export type WorkerMessage = { type: 'button'; event: ButtonEvent } | { type: 'status'; status: DeviceStatus[] };
export type HostMessage =
  | { type: 'crash' }
  | { type: 'scan' }
  | { type: 'plug' | 'unplug'; profile: string }
  | { type: 'press'; profile: string; button: string }
  | { type: 'send'; profile: string; bytes: number[] };

export interface HardwareOptions {
  readonly profiles: readonly Profile[];
  /** node-hid for real devices; fake for tests and the web shell. */
  readonly backend: 'node-hid' | 'fake';
  readonly scanMs?: number;
}

/** Where button presses come from, for the apps: a HardwareHost, or anything with the same events. */
export interface ButtonSource {
  on(event: 'button', listener: (event: ButtonEvent) => void): unknown;
  on(event: 'status', listener: (status: DeviceStatus[]) => void): unknown;
  off(event: 'button', listener: (event: ButtonEvent) => void): unknown;
  off(event: 'status', listener: (status: DeviceStatus[]) => void): unknown;
  status(): DeviceStatus[];
}

/** The compiled worker; from the TypeScript sources (tests), the build beside them. */
function workerFile(): URL {
  const here = new URL('./worker.js', import.meta.url);
  return existsSync(fileURLToPath(here)) ? here : new URL('../dist/src/worker.js', import.meta.url);
}

export class HardwareHost extends EventEmitter<{ button: [ButtonEvent]; status: [DeviceStatus[]]; restarted: [number] }> {
  readonly #options: HardwareOptions;
  #worker: Worker | null = null;
  #status: DeviceStatus[];
  #stopped = false;
  #restarts = 0;
  /** Fake devices plugged in: still plugged in when the thread comes back, as real ones would be. */
  readonly #plugged = new Set<string>();

  private constructor(options: HardwareOptions) {
    super();
    this.#options = options;
    this.#status = options.profiles.map((p) => ({ profile: p.id, name: p.name, kind: p.kind, state: 'absent', path: null, detail: 'starting' }));
  }

  static start(options: HardwareOptions): HardwareHost {
    const host = new HardwareHost(options);
    host.#spawn();
    return host;
  }

  get restarts(): number {
    return this.#restarts;
  }

  status(): DeviceStatus[] {
    return this.#status;
  }

  /** Fake devices, in the device thread (only with the fake backend). */
  readonly fake = {
    plug: (profile: string) => {
      this.#plugged.add(profile);
      this.#send({ type: 'plug', profile });
    },
    unplug: (profile: string) => {
      this.#plugged.delete(profile);
      this.#send({ type: 'unplug', profile });
    },
    press: (profile: string, button: ButtonName) => this.#send({ type: 'press', profile, button }),
    send: (profile: string, bytes: readonly number[]) => this.#send({ type: 'send', profile, bytes: [...bytes] }),
  };

  /** Stops the device thread as a crash would (to prove it comes back). */
  crash(): void {
    this.#worker?.postMessage({ type: 'crash' } satisfies HostMessage);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#worker?.terminate();
    this.#worker = null;
  }

  #send(message: HostMessage): void {
    if (this.#options.backend !== 'fake') throw new Error('fake devices need the fake backend');
    this.#worker?.postMessage(message);
  }

  #spawn(): void {
    const worker = new Worker(workerFile(), {
      workerData: { profiles: this.#options.profiles, backend: this.#options.backend, scanMs: this.#options.scanMs ?? 1000 },
      execArgv: [],
    });
    this.#worker = worker;
    for (const profile of this.#plugged) worker.postMessage({ type: 'plug', profile } satisfies HostMessage);
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'button') this.emit('button', message.event);
      else {
        this.#status = message.status;
        this.emit('status', message.status);
      }
    });
    // Why the thread stopped, for the status: a native call that failed, say.
    let why = '';
    worker.on('error', (error) => (why = `: ${error.message}`));
    worker.on('exit', () => {
      if (this.#stopped || this.#worker !== worker) return;
      this.#worker = null;
      this.#restarts++;
      this.#status = this.#status.map((s) => ({ ...s, state: 'error', path: null, detail: `the device thread stopped${why}; starting it again` }));
      this.emit('status', this.#status);
      const pause = Math.min(5000, 100 * 2 ** Math.min(this.#restarts - 1, 6));
      setTimeout(() => {
        if (this.#stopped) return;
        this.#spawn();
        this.emit('restarted', this.#restarts);
      }, pause).unref();
    });
  }
}
