// Drives libsodium (Debian's python3-nacl) as a child process. Never skipped: if it is missing, the
// interop tests fail and say how to install it.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { TEST_ROOT } from './paths.js';

const SCRIPT = join(TEST_ROOT, 'support', 'sodium.py');

let interpreter: string | undefined;

/** Debian's python3 first: python3-nacl installs for it, not for other pythons on PATH. */
export function sodiumPython(): string {
  if (interpreter) return interpreter;
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    const probe = spawnSync(candidate, ['-c', 'import nacl.bindings'], { encoding: 'utf8' });
    if (probe.status === 0) return (interpreter = candidate);
  }
  throw new Error('libsodium for the interop tests is missing: apt-get install -y python3-nacl (see .ci/run)');
}

export type SodiumOp = Record<string, unknown> & { op: string };

export function sodium<T = Record<string, unknown>>(ops: SodiumOp[]): T[] {
  const run = spawnSync(sodiumPython(), [SCRIPT], { input: JSON.stringify({ ops }), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`sodium.py failed (${run.status}): ${run.stderr}`);
  return (JSON.parse(run.stdout) as { results: T[] }).results;
}

/** As sodium(), in `copies` processes at once (one core each, on a machine with as many): their results. */
export async function sodiumTogether<T = Record<string, unknown>>(ops: SodiumOp[], copies: number): Promise<T[][]> {
  const input = JSON.stringify({ ops });
  const python = sodiumPython();
  const one = () =>
    new Promise<T[]>((resolve, reject) => {
      const child = spawn(python, [SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
      let [out, err] = ['', ''];
      child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve((JSON.parse(out) as { results: T[] }).results) : reject(new Error(`sodium.py failed (${code}): ${err}`))));
      child.stdin.end(input);
    });
  return Promise.all(Array.from({ length: copies }, one));
}
