// `npm start` as a new user runs it (README): a day folder with the demo package the electoral office built,
// signed and wrote to the drive and the machines it enrolled, the console
// and two booths as web shells whose addresses it prints, the booths already waiting to be paired,
// and a clean stop on Ctrl-C.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { REPO_ROOT } from '../support/index.js';

/** Runs `npm start` with these arguments until it is ready; `output()` is what it has printed so far. */
async function startDemo(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'scripts', 'start.mjs'), ...args], { cwd: REPO_ROOT, env });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  for (let i = 0; i < 1200 && !out.includes('Press Ctrl-C') && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 50));
  return { child, exited, output: () => out };
}

describe('npm start', () => {
  it('starts a console and two booths with the demo election, prints their addresses, and stops on SIGINT', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'seggio-start-')), 'day');
    const { child, exited, output } = await startDemo(['--web', '--port', '0', '--office-port', '0', '--dir', folder]);
    const out = output();
    expect(out).toContain('Press Ctrl-C');

    const address = (label: string) => new RegExp(`^  ${label}\\s+(http://127\\.0\\.0\\.1:\\d+/\\?token=\\S+)$`, 'm').exec(out)?.[1];
    const urls = ['console', 'booth 1', 'booth 2'].map(address);
    expect(urls.every(Boolean), out).toBe(true);
    for (const url of urls) expect((await fetch(url!)).status).toBe(200);
    // Each booth's virtual keypad page is served beside it.
    const keypad = /^ {2}keypad 1\s+(http:\/\/127\.0\.0\.1:\d+\/keypad\.html\?token=\S+)/m.exec(out)?.[1];
    expect(keypad, out).toBe(urls[1]!.replace('/?token=', '/keypad.html?token='));
    expect(await (await fetch(keypad!)).text()).toContain('Tastierino virtuale della cabina');

    // The demo package is on the "drive", signed by the office key printed.
    const day = /^ {2}day folder\s+(\S+)$/m.exec(out)![1]!;
    expect(day).toBe(folder);
    for (const file of ['office.pub', 'chiavetta/election.json', 'chiavetta/election.json.sig', 'chiavetta/lista-sezionale.csv']) expect(existsSync(join(day, file)), file).toBe(true);
    // The demo package as in demo/, naming the electoral office started beside the station.
    const office = /^ {2}public results\s+(http:\/\/127\.0\.0\.1:\d+\/)\s/m.exec(out)?.[1];
    expect(office, out).toBeTruthy();
    const demo = JSON.parse(readFileSync(join(REPO_ROOT, 'demo', 'sanvalle-demo.election.json'), 'utf8')) as object;
    expect(JSON.parse(readFileSync(join(day, 'chiavetta', 'election.json'), 'utf8'))).toEqual({ ...demo, office: { url: office } });
    expect(await (await fetch(office!)).text()).toContain('Sezioni pervenute: 0 su 1');
    const staff = /^ {2}electoral office\s+(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/m.exec(out)?.[1];
    expect((await fetch(staff!)).status).toBe(200);
    // Prepared by the office, as its staff would: the package built from demo/sanvalle-demo, signed and
    // written to the drive with its summary, and the three machines enrolled from their requests there.
    const staffAsk = async <T>(path: string) => (await (await fetch(new URL(path, staff), { headers: { 'x-seggio-token': new URL(staff!).searchParams.get('token')! } })).json()) as T;
    const prepared = await staffAsk<{ state: string; digest: string; folder: { name: string }[] }>('api/package');
    expect(prepared.state).toBe('written');
    expect(prepared.digest).toBe(createHash('sha256').update(readFileSync(join(day, 'chiavetta', 'election.json'))).digest('hex'));
    expect(prepared.folder.map((f) => f.name)).toEqual(readdirSync(join(REPO_ROOT, 'demo', 'sanvalle-demo')).sort());
    const machines = await staffAsk<{ enrolled: { machine: string }[]; requests: { state: string }[] }>('api/machines');
    expect(machines.enrolled.map((m) => m.machine)).toEqual(['DEMO-CONSOLE-999001', 'DEMO-CABINA-999001-1', 'DEMO-CABINA-999001-2']);
    expect(machines.requests.map((r) => r.state)).toEqual(['enrolled', 'enrolled', 'enrolled']);
    for (const file of ['riepilogo-elezione.pdf', 'office.pub', 'macchine/DEMO-CONSOLE-999001.json.sig', 'richieste/DEMO-CABINA-999001-2.request.json']) expect(existsSync(join(day, 'chiavetta', file)), file).toBe(true);
    expect(existsSync(join(day, 'ufficio', 'election.json'))).toBe(false);

    // Through the console's own bridge: nothing loaded yet, the package listed, both booths waiting.
    const page = new URL(urls[0]!);
    const socket = await new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(`ws://${page.host}/bridge?token=${page.searchParams.get('token')}`, { origin: page.origin });
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
    let next = 1;
    const ask = (method: string) =>
      new Promise<unknown>((resolve) => {
        const id = next++;
        socket.on('message', (data: Buffer) => {
          const message = JSON.parse(data.toString('utf8')) as { id?: number; result?: unknown };
          if (message.id === id) resolve(message.result);
        });
        socket.send(JSON.stringify({ id, method }));
      });
    expect(await ask('listPackages')).toEqual({ ok: true, value: [{ file: 'election.json', signature: true }] });
    let view = (await ask('getView')) as { phase: string; pendingBooths: unknown[] };
    for (let i = 0; i < 100 && view.pendingBooths.length < 2; i++) view = (await ask('getView')) as typeof view;
    expect(view.phase).toBe('no-election');
    // Enrolled with the day's office key: each booth waits with its machine id, the console has its own.
    expect((view.pendingBooths as { machine: string }[]).map((b) => b.machine).sort()).toEqual(['DEMO-CABINA-999001-1', 'DEMO-CABINA-999001-2']);
    expect((view as unknown as { consoleMachine: string }).consoleMachine).toBe('DEMO-CONSOLE-999001');
    for (const key of ['console.key', 'booth-1.key', 'booth-2.key']) expect(statSync(join(day, 'machines', key)).mode & 0o777, key).toBe(0o600);
    socket.close();

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    rmSync(dirname(folder), { recursive: true, force: true });
  }, 90_000);

  it('resumes the day in a folder that holds one, at the same addresses; a saved address that no longer holds is replaced, saying why', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'seggio-start-')), 'day');
    const first = await startDemo(['--web', '--port', '0', '--office-port', '0', '--dir', folder]);
    const consoleUrl = (out: string) => /^ {2}console\s+(\S+)$/m.exec(out)?.[1];
    const before = consoleUrl(first.output());
    expect(before, first.output()).toBeDefined();
    expect(first.output()).not.toContain('RESUMED');
    const office = readFileSync(join(folder, 'office.pub'), 'utf8');
    // Stopped as by Ctrl-C: the Comune's office it started stops with it, and is started again at its port.
    first.child.kill('SIGINT');
    await first.exited;

    const again = await startDemo(['--web', '--port', '0', '--office-port', '0', '--dir', folder]);
    expect(again.output()).toContain('RESUMED: the day in this folder goes on from where its stores stand');
    // The same office key (no new package was signed) and the same page address, token and all.
    expect(readFileSync(join(folder, 'office.pub'), 'utf8')).toBe(office);
    expect(consoleUrl(again.output())).toBe(before);
    // The office finds in its store the election it prepared and signed: its results are open.
    const staff = /^ {2}electoral office\s+(\S+)/m.exec(again.output())![1]!;
    const view = (await (await fetch(new URL('api/view', staff), { headers: { 'x-seggio-token': new URL(staff).searchParams.get('token')! } })).json()) as { sections?: unknown[] };
    expect(view.sections).toHaveLength(1);
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);

    // A saved token changed by hand is not served: the console gets a new address, and says so.
    const addresses = join(folder, 'addresses.json');
    writeFileSync(addresses, readFileSync(addresses, 'utf8').replace(/token=[A-Za-z0-9_-]+/, 'token=short'));
    const third = await startDemo(['--web', '--port', '0', '--office-port', '0', '--dir', folder]);
    expect(third.output()).toContain("The console's address of before");
    expect(third.output()).toContain('a web shell token is 32 base64url characters');
    const now = consoleUrl(third.output());
    expect(now).toBeDefined();
    expect(now).not.toBe(before);
    expect((await fetch(now!)).status).toBe(200);
    third.child.kill('SIGINT');
    expect(await third.exited).toBe(0);
    rmSync(dirname(folder), { recursive: true, force: true });
  }, 60_000);

  it('refuses a folder that holds anything but a day, saying what is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seggio-start-'));
    writeFileSync(join(dir, 'notes.txt'), 'not a day\n');
    const { exited, output } = await startDemo(['--web', '--port', '0', '--dir', dir]);
    expect(await exited).toBe(2);
    expect(output()).toContain(`${dir} holds no Seggio day to resume (office.pub and console.db missing): a new day starts in a new or empty folder`);
    rmSync(dir, { recursive: true, force: true });
  });

  it('falls back to the web shells, saying why and what to do, when Electron cannot load the SQLite module', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seggio-start-'));
    // An Electron whose ABI differs from the one better-sqlite3 was built for, as npm ci leaves it.
    const electron = join(dir, 'electron');
    writeFileSync(
      electron,
      "#!/bin/sh\necho \"Error: The module 'better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 139.\" >&2\nexit 1\n",
      { mode: 0o755 },
    );
    const { child, exited, output } = await startDemo(['--port', '0', '--dir', join(dir, 'day')], { ...process.env, SEGGIO_ELECTRON: electron });
    const out = output();
    expect(out).toContain(`Electron is here (${electron}), but better-sqlite3 is not built for it: Error: The module 'better_sqlite3.node' was compiled against a different Node.js version`);
    expect(out).toContain('npx electron-rebuild -f -w better-sqlite3');
    const consoleUrl = /^ {2}console\s+(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(out)?.[1];
    expect(consoleUrl, out).toBeDefined();
    expect((await fetch(consoleUrl!)).status).toBe(200);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);
});
