import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, main } from '../src/main.js';

async function run(...argv: string[]) {
  const text = { out: '', err: '' };
  const code = await main(argv, { out: { write: (t: string) => (text.out += t) }, err: { write: (t: string) => (text.err += t) } });
  return { code, ...text };
}

describe('seggio machine enrol and the register of enrolled machines', () => {
  it('refuses a key already enrolled under another machine id, and a machine id under another key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seggio-register-'));
    const register = join(dir, 'macchine');
    await run('election', 'keygen', '--out', join(dir, 'office'));
    const enrol = (request: string) => run('machine', 'enrol', join(dir, request), '--key', join(dir, 'office.key'), '--comune', '019036', '--out-dir', register);
    await run('machine', 'request', '--role', 'booth', '--machine', 'CAB-1', '--key', join(dir, 'one.key'), '--out', join(dir, 'cab-1.json'));
    mkdirSync(register);
    expect((await enrol('cab-1.json')).code).toBe(EXIT.ok);

    // The same key asks again under another asset id.
    await run('machine', 'request', '--role', 'booth', '--machine', 'CAB-2', '--key', join(dir, 'one.key'), '--out', join(dir, 'cab-2.json'));
    const twice = await enrol('cab-2.json');
    expect([twice.code, twice.err.trim()]).toEqual([EXIT.failed, `${join(dir, 'cab-2.json')}: machine CAB-2 presents a key already enrolled as machine CAB-1; one key enrols one machine`]);

    // Another key under an asset id already enrolled.
    await run('machine', 'request', '--role', 'booth', '--machine', 'CAB-1', '--key', join(dir, 'two.key'), '--out', join(dir, 'cab-1-again.json'));
    const other = await enrol('cab-1-again.json');
    expect([other.code, other.err.trim()]).toEqual([EXIT.failed, `${join(dir, 'cab-1-again.json')}: machine CAB-1 is already enrolled with another key or role; a machine id names one machine`]);

    // A certificate in the register that the office did not sign does not count as enrolled.
    const forged = JSON.parse(readFileSync(join(register, 'CAB-1.json'), 'utf8')) as Record<string, string>;
    writeFileSync(join(register, 'CAB-1.json'), JSON.stringify({ ...forged, machine: 'CAB-9' }));
    expect((await enrol('cab-2.json')).code).toBe(EXIT.ok);
  });
});
