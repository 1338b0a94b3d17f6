// Electron's fuse wire, read back from a packaged executable to prove what docs/threat-model.md R24 asks: the
// wire is a 32-byte sentinel, a version byte (1), a length byte, then one byte per fuse, '0' off, '1' on,
// 'r' removed, in @electron/fuses' FuseV1Options order.
import { readFileSync } from 'node:fs';

export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
export const FUSE_WIRE_VERSION = 1;

/** FuseV1Options, by index in the wire. */
export const FUSES = [
  'RunAsNode',
  'EnableCookieEncryption',
  'EnableNodeOptionsEnvironmentVariable',
  'EnableNodeCliInspectArguments',
  'EnableEmbeddedAsarIntegrityValidation',
  'OnlyLoadAppFromAsar',
  'LoadBrowserProcessSpecificV8Snapshot',
  'GrantFileProtocolExtraPrivileges',
] as const;
export type Fuse = (typeof FUSES)[number];
export type FuseState = 'on' | 'off' | 'removed';

/** R24: no ELECTRON_RUN_AS_NODE, no NODE_OPTIONS, no --inspect; the app only from an integrity-checked asar. */
export const R24: Partial<Record<Fuse, FuseState>> = {
  RunAsNode: 'off',
  EnableNodeOptionsEnvironmentVariable: 'off',
  EnableNodeCliInspectArguments: 'off',
  EnableEmbeddedAsarIntegrityValidation: 'on',
  OnlyLoadAppFromAsar: 'on',
};

const STATES: Record<number, FuseState> = { 0x30: 'off', 0x31: 'on', 0x72: 'removed' };

/** The fuses named in the first wire of the executable at `file` (a fuse past the known ones is left out). */
export function readFuseWire(file: string): Partial<Record<Fuse, FuseState>> {
  const bytes = readFileSync(file);
  const at = bytes.indexOf(FUSE_SENTINEL, 0, 'latin1');
  if (at < 0) throw new Error(`${file}: no Electron fuse wire in this executable`);
  const wire = at + FUSE_SENTINEL.length;
  if (wire + 2 > bytes.length) throw new Error(`${file}: the fuse wire is cut off`);
  if (bytes[wire] !== FUSE_WIRE_VERSION) throw new Error(`${file}: fuse wire version ${bytes[wire]}, only ${FUSE_WIRE_VERSION} is known`);
  const length = bytes[wire + 1]!;
  if (wire + 2 + length > bytes.length) throw new Error(`${file}: the fuse wire is cut off`);
  const fuses: Partial<Record<Fuse, FuseState>> = {};
  for (let i = 0; i < Math.min(length, FUSES.length); i++) {
    const state = STATES[bytes[wire + 2 + i]!];
    if (!state) throw new Error(`${file}: fuse ${FUSES[i]} has the unknown state byte ${bytes[wire + 2 + i]}`);
    fuses[FUSES[i]!] = state;
  }
  return fuses;
}

/** Each R24 fuse that the executable does not have as R24 wants, in words; empty when all hold. */
export function r24Problems(fuses: Partial<Record<Fuse, FuseState>>): string[] {
  return Object.entries(R24)
    .filter(([fuse, wanted]) => fuses[fuse as Fuse] !== wanted)
    .map(([fuse, wanted]) => `${fuse} is ${fuses[fuse as Fuse] ?? 'missing from the wire'}, R24 wants it ${wanted}`);
}
