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

/** Runs `npm start` with these arguments until it prints `until` (it is ready) or stops; `output()` is what it has printed so far. */
async function startDemo(args: string[], env: NodeJS.ProcessEnv = process.env, until = 'Press Ctrl-C') {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'scripts', 'start.mjs'), ...args], { cwd: REPO_ROOT, env });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  // What a failed stop died of (a signal, when the code is null) goes into the output the test shows.
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code, signal) => {
      out += `\n[start.mjs exited: code ${code}, signal ${signal}]`;
      resolve(code);
    }),
  );
  for (let i = 0; i < 1200 && !out.includes(until) && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 50));
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
    expect(await again.exited, again.output()).toBe(0);

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
    expect(await third.exited, third.output()).toBe(0);
    rmSync(dirname(folder), { recursive: true, force: true });
  }, 60_000);

  it('resumes a day cut short by a power cut while the office was preparing it by hand: its package and enrolments kept', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'seggio-start-')), 'day');
    const waiting = 'The station starts once that is done.';
    const first = await startDemo(['--web', '--port', '0', '--office-port', '0', '--dir', folder, '--by-hand'], process.env, waiting);
    expect(first.output(), first.output()).toContain(waiting);
    const staff = () => new URL(/^ {2}electoral office\s+(\S+)/m.exec(first.output())![1]!);
    const call = async <T>(url: URL, method: string, path: string, body?: unknown) => {
      const response = await fetch(new URL(path, url.origin), { method, headers: { 'x-seggio-token': url.searchParams.get('token')!, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
      expect(response.status, `${method} ${path}`).toBe(200);
      return (await response.json()) as T;
    };
    // A machine enrolled as on the office's screen: the staff type the end of the fingerprint they compared.
    const enrol = async (url: URL, file: string) => {
      const { requests } = await call<{ requests: { file: string; fingerprint: string | null }[] }>(url, 'GET', 'api/machines');
      const fingerprint = requests.find((r) => r.file === file)?.fingerprint;
      expect(fingerprint, file).toBeTruthy();
      await call(url, 'POST', 'api/machines/enrol', { file, confirm: fingerprint!.slice(-4) });
    };
    // The office's staff build, sign and write the package, and enrol the console, as on its screen.
    const cartella = join(folder, 'ufficio', 'cartella');
    const files = readdirSync(cartella).map((name) => ({ name, data: readFileSync(join(cartella, name)).toString('base64') }));
    const office = staff();
    await call(office, 'POST', 'api/package/build', { files });
    const signed = await call<{ view: { digest: string; signedAt: string } }>(office, 'POST', 'api/package/sign');
    await call(office, 'POST', 'api/package/drive');
    await enrol(office, 'richieste/DEMO-CONSOLE-999001.request.json');
    const officeKey = readFileSync(join(folder, 'office.pub'), 'utf8');
    // The power cut: the start and its office killed outright, the booths not yet enrolled.
    first.child.kill('SIGKILL');
    await first.exited;

    const again = await startDemo(['--web', '--port', '0', '--office-port', '0', '--dir', folder, '--by-hand'], process.env, waiting);
    expect(again.output(), again.output()).toContain(waiting);
    expect(again.output()).not.toContain('holds no Seggio day');
    const resumedOffice = new URL(/^ {2}electoral office\s+(\S+)/m.exec(again.output())![1]!);
    // The same office, at the same port, on the same key and store: the package signed once, the console enrolled.
    const publicPage = (out: string) => /^ {2}public results\s+(\S+)/m.exec(out)?.[1];
    expect(publicPage(again.output())).toBe(publicPage(first.output()));
    expect(readFileSync(join(folder, 'office.pub'), 'utf8')).toBe(officeKey);
    const kept = await call<{ state: string; digest: string; signedAt: string }>(resumedOffice, 'GET', 'api/package');
    expect(kept).toMatchObject({ state: 'written', digest: signed.view.digest, signedAt: signed.view.signedAt });
    const before = await call<{ requests: { file: string; state: string }[] }>(resumedOffice, 'GET', 'api/machines');
    expect(Object.fromEntries(before.requests.map((r) => [r.file, r.state]))).toEqual({
      'richieste/DEMO-CONSOLE-999001.request.json': 'enrolled',
      'richieste/DEMO-CABINA-999001-1.request.json': 'waiting',
      'richieste/DEMO-CABINA-999001-2.request.json': 'waiting',
    });
    for (const booth of [1, 2]) await enrol(resumedOffice, `richieste/DEMO-CABINA-999001-${booth}.request.json`);
    // Once the booths are enrolled, the station starts on that package.
    for (let i = 0; i < 600 && !again.output().includes('Press Ctrl-C') && again.child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 50));
    expect(again.output()).toMatch(/^ {2}console\s+http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/m);
    expect(createHash('sha256').update(readFileSync(join(folder, 'chiavetta', 'election.json'))).digest('hex')).toBe(signed.view.digest);
    again.child.kill('SIGINT');
    const code = await again.exited;
    expect(code, again.output()).toBe(0);
    rmSync(dirname(folder), { recursive: true, force: true });
  }, 120_000);

  it('prepares a day that power cuts at random points of its preparation interrupt, losing nothing', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'seggio-start-')), 'day');
    const args = ['--web', '--port', '0', '--office-port', '0', '--dir', folder];
    const cuts: number[] = [];
    // Three cuts (bounded), each at a random moment of what the start has still to do.
    for (let cut = 0; cut < 3; cut++) {
      const delay = 200 + Math.floor(Math.random() * 2500);
      cuts.push(delay);
      const child = spawn(process.execPath, [join(REPO_ROOT, 'scripts', 'start.mjs'), ...args], { cwd: REPO_ROOT, stdio: 'ignore' });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await exited;
      if (existsSync(join(folder, 'console.db'))) break;
    }
    const last = await startDemo(args);
    expect(last.output(), `cuts at ${cuts.join(', ')} ms\n${last.output()}`).toContain('Press Ctrl-C');
    // One office key throughout, which signed the package on the drive; every machine enrolled once.
    const staff = new URL(/^ {2}electoral office\s+(\S+)/m.exec(last.output())![1]!);
    const ask = async <T>(path: string) => (await (await fetch(new URL(path, staff.origin), { headers: { 'x-seggio-token': staff.searchParams.get('token')! } })).json()) as T;
    const prepared = await ask<{ state: string; digest: string; signer: string }>('api/package');
    expect(prepared.state).toBe('written');
    expect(prepared.digest).toBe(createHash('sha256').update(readFileSync(join(folder, 'chiavetta', 'election.json'))).digest('hex'));
    const officeKey = readFileSync(join(folder, 'office.pub'), 'utf8').trim();
    expect((JSON.parse(readFileSync(join(folder, 'ufficio', 'office.key'), 'utf8')) as { publicKey: string }).publicKey).toBe(officeKey);
    const machines = await ask<{ enrolled: { machine: string }[] }>('api/machines');
    expect(machines.enrolled.map((m) => m.machine).sort()).toEqual(['DEMO-CABINA-999001-1', 'DEMO-CABINA-999001-2', 'DEMO-CONSOLE-999001']);
    last.child.kill('SIGINT');
    expect(await last.exited).toBe(0);
    rmSync(dirname(folder), { recursive: true, force: true });
  }, 120_000);

  it('refuses a folder that holds anything but a day, saying what is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seggio-start-'));
    writeFileSync(join(dir, 'notes.txt'), 'not a day\n');
    const { exited, output } = await startDemo(['--web', '--port', '0', '--dir', dir]);
    expect(await exited).toBe(2);
    expect(output()).toContain(`${dir} holds no Seggio day to resume (office.pub and console.db missing, and no office key ufficio/office.key of a day in preparation): a new day starts in a new or empty folder`);
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
