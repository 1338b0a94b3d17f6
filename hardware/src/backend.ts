// What the device layer needs of the operating system's HID: a list of devices and a way to open one.
// node-hid in production; FakeHidBackend (fake.ts) in tests and in the web shell.
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import type * as NodeHidModule from 'node-hid';

export interface HidDeviceInfo {
  readonly path: string;
  readonly vendorId: number;
  readonly productId: number;
  readonly usagePage?: number | undefined;
  readonly product?: string | undefined;
  readonly serialNumber?: string | undefined;
}

/** An open device: 'data' with each input report, 'error' when it goes away. */
export interface HidHandle extends EventEmitter<{ data: [Uint8Array]; error: [Error] }> {
  close(): void;
}

export interface HidBackend {
  readonly name: string;
  devices(): HidDeviceInfo[];
  open(path: string): HidHandle;
}

type NodeHid = typeof NodeHidModule;

/** node-hid, loaded only when asked for: a machine without libusb still runs the apps. */
export function nodeHidBackend(): HidBackend {
  const hid = createRequire(import.meta.url)('node-hid') as NodeHid;
  return {
    name: 'node-hid',
    devices: () =>
      hid
        .devices()
        .filter((d): d is typeof d & { path: string } => typeof d.path === 'string')
        .map((d) => ({ path: d.path, vendorId: d.vendorId, productId: d.productId, usagePage: d.usagePage, product: d.product, serialNumber: d.serialNumber })),
    open: (path) => {
      const device = new hid.HID(path);
      const handle = new EventEmitter() as HidHandle;
      device.on('data', (data: Buffer) => handle.emit('data', new Uint8Array(data)));
      device.on('error', (error: Error) => handle.emit('error', error));
      handle.close = () => device.close();
      return handle;
    },
  };
}
