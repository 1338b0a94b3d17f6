// What the booth tells the console besides the voting itself: the screen's call for the president
// (R11) and how its accessible keypad and voice stand (R27, R29). Neither says anything of the ballots.
import { err, ok, type Result } from '@seggio/crypto';
import type { BoothMessage } from '@seggio/link';
import type { BoothLink } from './link-side.js';
import type { Phase } from './machine.js';
import type { BoothStore } from './store.js';

/** What the console is told of the booth's accessible devices: null, not known (yet). */
export type BoothDevices = Omit<Extract<BoothMessage, { type: 'devices' }>, 'type'>;

export class Reports {
  #calling: string | null = null;
  #devices: BoothDevices = { keypad: null, voice: null };
  #devicesSent: string | null = null;

  /** `phase`: the booth's phase, or null once it has stopped. */
  constructor(
    private readonly store: BoothStore,
    private readonly link: BoothLink,
    private readonly phase: () => Phase | null,
  ) {}

  /** Passed on only for the session open here, and only when it changes. */
  callPresident(input: { calling: boolean }): Result<void, string> {
    if (typeof input?.calling !== 'boolean') return err('calling must be true or false');
    const phase = this.phase();
    if (phase?.kind !== 'in-session') return err('no session is open at this booth');
    const call = `${phase.session.session}:${input.calling}`;
    if (this.#calling === call) return ok(undefined);
    this.store.transaction(() => this.link.queue({ type: 'attention', session: phase.session.session, calling: input.calling }));
    this.#calling = call;
    this.link.flush();
    return ok(undefined);
  }

  /** Passed on when they change, once the booth is paired, so that the president knows whether this booth is accessible. */
  reportDevices(devices: Partial<BoothDevices>): void {
    this.#devices = { ...this.#devices, ...devices };
    this.sendDevices();
  }

  sendDevices(): void {
    // Not before pairing (no console to tell), nor once closed: the sealed store is left as it is.
    const kind = this.phase()?.kind;
    if (!kind || !this.store.pairing() || kind === 'out-of-service' || kind === 'closed') return;
    const devices = this.#devices;
    if ((devices.keypad === null && devices.voice === null) || JSON.stringify(devices) === this.#devicesSent) return;
    this.store.transaction(() => this.link.queue({ type: 'devices', ...devices }));
    this.#devicesSent = JSON.stringify(devices);
    this.link.flush();
  }
}
