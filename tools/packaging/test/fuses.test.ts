// The fuse wire read back, and the words for each R24 fuse that is not as R24 wants.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { FUSE_SENTINEL, r24Problems, readFuseWire } from '../src/fuses.js';
import { makeStandInElectron } from './stand-in.js';

const work = mkdtempSync(join(tmpdir(), 'seggio-fuses-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

it('a stock Electron wire breaks each of the five R24 fuses, and says how', () => {
  const standIn = makeStandInElectron(join(work, 'electron'), '45.4.1');
  expect(r24Problems(readFuseWire(join(standIn, 'electron')))).toEqual([
    'RunAsNode is on, R24 wants it off',
    'EnableNodeOptionsEnvironmentVariable is on, R24 wants it off',
    'EnableNodeCliInspectArguments is on, R24 wants it off',
    'EnableEmbeddedAsarIntegrityValidation is off, R24 wants it on',
    'OnlyLoadAppFromAsar is off, R24 wants it on',
  ]);
});

it('a wire as R24 wants passes; a short wire or a removed fuse does not', () => {
  const wire = (states: string) => {
    const file = join(work, `electron-${states}`);
    writeFileSync(file, Buffer.concat([Buffer.from('ELF…'), Buffer.from(FUSE_SENTINEL), Buffer.from([1, states.length]), Buffer.from(states)]));
    return readFuseWire(file);
  };
  expect(r24Problems(wire('01001101'))).toEqual([]);
  expect(r24Problems(wire('0100'))).toEqual(['EnableEmbeddedAsarIntegrityValidation is missing from the wire, R24 wants it on', 'OnlyLoadAppFromAsar is missing from the wire, R24 wants it on']);
  expect(r24Problems(wire('r1001101'))).toEqual(['RunAsNode is removed, R24 wants it off']);
});

it('an executable without the wire, or with an unknown wire version, is refused with the file', () => {
  writeFileSync(join(work, 'plain'), 'no fuses here');
  expect(() => readFuseWire(join(work, 'plain'))).toThrow(`${join(work, 'plain')}: no Electron fuse wire in this executable`);
  writeFileSync(join(work, 'v2'), Buffer.concat([Buffer.from(FUSE_SENTINEL), Buffer.from([2, 1]), Buffer.from('0')]));
  expect(() => readFuseWire(join(work, 'v2'))).toThrow('fuse wire version 2, only 1 is known');
});
