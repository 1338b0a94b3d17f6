// A fake HID backend with the same interface as node-hid's: devices are plugged, pressed and unplugged
// from a test, or from the web shell, and produce the reports their profile describes.
import { EventEmitter } from 'node:events';
import type { HidBackend, HidDeviceInfo, HidHandle } from './backend.js';
import { encodeReport } from './decode.js';
import type { ButtonName, Profile } from './profile.js';

interface FakeDevice {
  readonly info: HidDeviceInfo;
  readonly profile: Profile;
  handle: HidHandle | null;
}

export class FakeHidBackend implements HidBackend {
  readonly name = 'fake';
  readonly #devices = new Map<string, FakeDevice>();
  #next = 1;

  devices(): HidDeviceInfo[] {
    return [...this.#devices.values()].map((d) => d.info);
  }

  open(path: string): HidHandle {
    const device = this.#devices.get(path);
    if (!device) throw new Error(`${path}: no such device`);
    const handle = new EventEmitter() as HidHandle;
    handle.close = () => {
      if (device.handle === handle) device.handle = null;
    };
    device.handle = handle;
    return handle;
  }

  /** Plugs in a device that answers to `profile`; returns its path. */
  plug(profile: Profile, serialNumber = `FAKE${this.#next}`): string {
    const path = `fake:${profile.id}:${this.#next++}`;
    this.#devices.set(path, { info: { path, vendorId: profile.match.vendorId, productId: profile.match.productId, usagePage: profile.match.usagePage, product: `${profile.name} (fake)`, serialNumber }, profile, handle: null });
    return path;
  }

  /** Pulls the device out: whoever had it open gets an error, as with a real one. */
  unplug(path: string): void {
    const device = this.#devices.get(path);
    this.#devices.delete(path);
    device?.handle?.emit('error', new Error('could not read from HID device'));
  }

  /** Presses and releases a button: two reports, as a real device sends. */
  press(path: string, button: ButtonName): void {
    const device = this.#devices.get(path);
    if (!device) throw new Error(`${path}: no such device`);
    if (!device.profile.buttons.some((b) => b.button === button)) throw new Error(`${path}: ${device.profile.id} has no button "${button}"`);
    device.handle?.emit('data', encodeReport(device.profile, [button]));
    device.handle?.emit('data', encodeReport(device.profile, []));
  }

  /** Sends raw bytes, as a confused or hostile device might. */
  send(path: string, report: Uint8Array): void {
    this.#devices.get(path)?.handle?.emit('data', report);
  }

  /** The path of the first plugged device of a profile. */
  find(profileId: string): string | null {
    for (const [path, d] of this.#devices) if (d.profile.id === profileId) return path;
    return null;
  }
}
