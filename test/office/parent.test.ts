// The office started by npm start goes when npm start goes, however it goes: on a power cut or a kill -9
// of the start script nothing is left holding the office's port for the day's resumption.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeSidecar, signBytes } from '@seggio/ballot-core';
import { nodeCrypto } from '@seggio/crypto/node';
import { afterAll, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/index.js';
import { officeElection } from './sections.js';

const MAIN = join(REPO_ROOT, 'apps', 'office', 'dist', 'src', 'service', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'seggio-office-parent-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function officeFiles(): string[] {
  const officeKey = nodeCrypto.generateSigningKeyPair();
  const electionBytes = officeElection({ sections: ['1'] });
  const electionFile = join(dir, 'election.json');
  writeFileSync(electionFile, electionBytes);
  writeFileSync(`${electionFile}.sig`, encodeSidecar(signBytes(nodeCrypto, electionBytes, officeKey)));
  const key = { format: 'seggio/office-key@1', publicKey: Buffer.from(officeKey.publicKey).toString('base64'), secretKey: Buffer.from(officeKey.secretKey).toString('base64') };
  writeFileSync(join(dir, 'office.key'), `${JSON.stringify(key)}\n`, { mode: 0o600 });
  return ['--election', electionFile, '--key', join(dir, 'office.key'), '--store', join(dir, 'office.db')];
}

/** Starts the office, closes its standard input once it has said where it is, and says how it ended (bounded: 20 s). */
function startAndOrphan(args: string[]): Promise<string> {
  const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['pipe', 'pipe', 'ignore'] });
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve('still running 20 s after its parent was gone');
    }, 20_000);
    child.stdout.once('data', () => child.stdin.end());
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(`exited ${code ?? signal}`);
    });
  });
}

it('with --with-parent, stops by itself once the process that started it is gone', async () => {
  expect(await startAndOrphan([...officeFiles(), '--with-parent'])).toBe('exited 0');
}, 30_000);

