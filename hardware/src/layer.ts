// The device layer: finds each profile's device, reads its reports into button presses, notices when
// it is pulled out and takes it back when it is plugged in again, and says how each device stands.
// It never throws at its caller: a missing library or device is a status, not a crash.
import { EventEmitter } from 'node:events';
import type { HidBackend, HidHandle } from './backend.js';
import { decodeReport } from './decode.js';
import { matches, type Profile } from './profile.js';
import type { ButtonEvent, DeviceStatus } from './types.js';

export type { ButtonEvent, DeviceStatus };

interface Slot {
  readonly profile: Profile;
  state: DeviceStatus['state'];
  path: string | null;
  detail: string;
  handle: HidHandle | null;
  last: Uint8Array | null;
  ignored: number;
}

export class DeviceLayer extends EventEmitter<{ button: [ButtonEvent]; status: [DeviceStatus[]] }> {
  readonly #backend: HidBackend;
  readonly #slots: Slot[];
  #timer: NodeJS.Timeout | null = null;

  constructor(backend: HidBackend, profiles: readonly Profile[]) {
    super();
    this.#backend = backend;
    this.#slots = profiles.map((profile) => ({ profile, state: 'absent', path: null, detail: 'not found yet', handle: null, last: null, ignored: 0 }));
  }

  /** Scans now and then every `everyMs`, so a device plugged in later is found. */
  start(everyMs: number): void {
    this.scan();
    this.#timer = setInterval(() => this.scan(), everyMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    for (const slot of this.#slots) this.#release(slot, 'absent', 'stopped');
  }

  status(): DeviceStatus[] {
    return this.#slots.map((s) => ({ profile: s.profile.id, name: s.profile.name, kind: s.profile.kind, state: s.state, path: s.path, detail: s.detail }));
  }

  /** Looks for every device not yet open. */
  scan(): void {
    const waiting = this.#slots.filter((s) => !s.handle);
    if (waiting.length === 0) return;
    let listed;
    try {
      listed = this.#backend.devices();
    } catch (error) {
      for (const slot of waiting) this.#set(slot, 'error', null, `${this.#backend.name} cannot list HID devices: ${(error as Error).message}`);
      return;
    }
    const taken = new Set(this.#slots.map((s) => s.path).filter((p) => p !== null));
    for (const slot of waiting) {
      const device = listed.find((d) => matches(slot.profile, d) && !taken.has(d.path));
      if (!device) {
        this.#set(slot, slot.state === 'error' && slot.path ? 'error' : 'absent', null, listed.length === 0 ? `no HID devices are attached (${this.#backend.name} sees none)` : `not attached (${listed.length} other HID device${listed.length === 1 ? '' : 's'} seen)`);
        continue;
      }
      try {
        const handle = this.#backend.open(device.path);
        slot.handle = handle;
        slot.last = null;
        handle.on('data', (report) => this.#report(slot, report));
        handle.on('error', (error) => this.#release(slot, 'absent', `unplugged (${error.message})`));
        taken.add(device.path);
        this.#set(slot, 'connected', device.path, device.product ?? 'connected');
      } catch (error) {
        this.#set(slot, 'error', null, `found at ${device.path} but could not be opened: ${(error as Error).message}`);
      }
    }
  }

  #report(slot: Slot, report: Uint8Array): void {
    const decoded = decodeReport(slot.profile, report, slot.last);
    if (!decoded.ok) {
      // A stray report is counted, never fatal; its reason shows in the status.
      slot.ignored++;
      slot.detail = `${slot.ignored} report(s) ignored, the last: ${decoded.reason}`;
      return;
    }
    slot.last = decoded.state;
    for (const button of decoded.pressed) this.emit('button', { profile: slot.profile.id, kind: slot.profile.kind, button });
  }

  #release(slot: Slot, state: DeviceStatus['state'], detail: string): void {
    if (slot.handle) {
      try {
        slot.handle.close();
      } catch {
        // Already gone with the device.
      }
    }
    slot.handle = null;
    slot.last = null;
    this.#set(slot, state, null, detail);
  }

  #set(slot: Slot, state: DeviceStatus['state'], path: string | null, detail: string): void {
    const changed = slot.state !== state || slot.path !== path || slot.detail !== detail;
    slot.state = state;
    slot.path = path;
    slot.detail = detail;
    if (changed) this.emit('status', this.status());
  }
}
