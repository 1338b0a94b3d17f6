// The device layer in its own thread: a native HID call that blocks or crashes takes this thread down,
// not the app; HardwareHost starts it again.
import { parentPort, workerData } from 'node:worker_threads';
import { nodeHidBackend, type HidBackend } from './backend.js';
import { FakeHidBackend } from './fake.js';
import { DeviceLayer } from './layer.js';
import type { ButtonName, Profile } from './profile.js';
import type { HostMessage, WorkerMessage } from './host.js';

const { profiles, backend: kind, scanMs } = workerData as { profiles: Profile[]; backend: 'node-hid' | 'fake'; scanMs: number };
const post = (message: WorkerMessage) => parentPort!.postMessage(message);

let backend: HidBackend;
const fake = kind === 'fake' ? new FakeHidBackend() : null;
try {
  backend = fake ?? nodeHidBackend();
} catch (error) {
  // node-hid could not load (libusb missing, say): every device is an error with the reason.
  const reason = (error as Error).message;
  backend = { name: 'node-hid', devices: () => { throw new Error(reason); }, open: () => { throw new Error(reason); } };
}
const layer = new DeviceLayer(backend, profiles);
layer.on('button', (event) => post({ type: 'button', event }));
layer.on('status', (status) => post({ type: 'status', status }));
post({ type: 'status', status: layer.status() });
layer.start(scanMs);

parentPort!.on('message', (message: HostMessage) => {
  if (message.type === 'crash') throw new Error('device thread stopped on request');
  if (message.type === 'scan') return layer.scan();
  if (!fake) return;
  const profile = profiles.find((p) => p.id === message.profile);
  if (!profile) return;
  if (message.type === 'plug') fake.plug(profile);
  else if (message.type === 'unplug') {
    const path = fake.find(profile.id);
    if (path) fake.unplug(path);
  } else if (message.type === 'press') {
    const path = fake.find(profile.id);
    if (path && profile.buttons.some((b) => b.button === message.button)) fake.press(path, message.button as ButtonName);
  } else if (message.type === 'send') {
    const path = fake.find(profile.id);
    if (path) fake.send(path, new Uint8Array(message.bytes));
  }
  layer.scan();
});
