// A stand-in for an unpacked Electron, for tests on machines where the real binary cannot be
// downloaded: a folder laid out as electron-builder copies one, whose `electron` executable carries
// Electron's fuse wire with the states a stock Electron ships (RunAsNode, NODE_OPTIONS and inspect on,
// asar integrity and only-load-from-asar off), so that what electron-builder flips is seen flipped.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUSE_SENTINEL, FUSE_WIRE_VERSION } from '../src/fuses.js';

/** A stock Electron's wire, in FuseV1Options order ('1' on, '0' off). */
export const STOCK_WIRE = '10110001';

export function makeStandInElectron(dir: string, version: string): string {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const executable = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in for Electron: it cannot run an app" >&2\nexit 1\n'),
    Buffer.from(FUSE_SENTINEL, 'latin1'),
    Buffer.from([FUSE_WIRE_VERSION, STOCK_WIRE.length]),
    Buffer.from(STOCK_WIRE, 'latin1'),
    Buffer.from('\n'),
  ]);
  writeFileSync(join(dir, 'electron'), executable);
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'version'), version);
  writeFileSync(join(dir, 'LICENSE'), 'stand-in\n');
  return dir;
}
