// The Electron main process both apps start (src/main/app.ts), against a stand-in for Electron's modules
// (the binary cannot be downloaded here): each security check of R23 as the running app wires it — a
// forged IPC sender, a method not in the contract, a bad argument, a permission request, a page leaving
// its origin, a file outside the renderer — and the contract's events reaching the page once it has loaded.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ElectronMain } from '../src/main/app.js';

type Listener = (...args: unknown[]) => void;
/** What the stand-in keeps of the app's calls into Electron. */
const electron = vi.hoisted(() => {
  const listeners = () => {
    const map = new Map<string, Listener[]>();
    return {
      map,
      on(event: string, listener: Listener) {
        map.set(event, [...(map.get(event) ?? []), listener]);
      },
      emit(event: string, ...args: unknown[]) {
        (map.get(event) ?? []).forEach((l) => l(...args));
      },
    };
  };
  const state = {
    app: listeners(),
    menu: 'default' as unknown,
    ipc: new Map<string, Listener>(),
    protocols: new Map<string, (request: Request) => Promise<Response>>(),
    permissionRequest: null as null | Listener,
    permissionCheck: null as null | ((...args: unknown[]) => boolean),
    listeners,
  };
  return state;
});

const standIn = {
  app: {
    setPath: () => undefined,
    requestSingleInstanceLock: () => true,
    quit: () => undefined,
    whenReady: () => Promise.resolve(),
    isPackaged: true,
    on: (event: string, listener: Listener) => electron.app.on(event, listener),
  },
  Menu: { setApplicationMenu: (menu: unknown) => (electron.menu = menu) },
  ipcMain: { handle: (channel: string, listener: Listener) => electron.ipc.set(channel, listener) },
  protocol: { registerSchemesAsPrivileged: () => undefined, handle: (scheme: string, handler: (request: Request) => Promise<Response>) => electron.protocols.set(scheme, handler) },
  net: { fetch: (url: string) => Promise.resolve(new Response(readFileSync(fileURLToPath(url)))) },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (handler: Listener) => (electron.permissionRequest = handler),
      setPermissionCheckHandler: (handler: (...args: unknown[]) => boolean) => (electron.permissionCheck = handler),
    },
  },
};

const { startElectronApp } = await import('../src/main/app.js');
const { accept, host, malformed, noInput, withInput } = await import('../src/common/contract.js');
const { ELECTRON_CSP } = await import('../src/common/csp.js');

const CONTRACT = {
  methods: {
    getView: noInput<string>(),
    rename: withInput<{ name: string }, { ok: boolean; error?: string }>((raw) => (typeof (raw as { name?: unknown } | null)?.name === 'string' ? accept(raw as { name: string }) : malformed({ ok: false, error: 'give a name' }))),
  },
  events: { view: { data: '' } },
};

/** The stand-in window the app makes, and its page's contents. */
function fakeWindow() {
  const contents = { ...electron.listeners(), sent: [] as unknown[][], send: (...args: unknown[]) => contents.sent.push(args), isDestroyed: () => false };
  const window = { ...electron.listeners(), webContents: contents, once: () => undefined, show: () => undefined, loadURL: () => Promise.resolve() };
  return window;
}

let window: ReturnType<typeof fakeWindow>;
let emitView: (view: string) => void;
const renderer = mkdtempSync(join(tmpdir(), 'seggio-shell-renderer-'));
mkdirSync(join(renderer, 'assets'));
writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>t</title>');
writeFileSync(join(tmpdir(), 'seggio-shell-secret.txt'), 'secret');

async function start(kiosk: boolean, permit?: (permission: string, url: string, media: readonly string[] | undefined) => boolean) {
  electron.app.map.clear();
  electron.ipc.clear();
  electron.menu = 'default';
  window = fakeWindow();
  await startElectronApp(standIn as unknown as ElectronMain, {
    scheme: 'seggio-test',
    rendererDir: renderer,
    kiosk,
    ...(permit ? { permit } : {}),
    createWindow: () => window as never,
    start: () =>
      Promise.resolve({
        ...host(CONTRACT, { getView: () => 'the view', rename: () => ({ ok: true }) }, { view: (listener) => ((emitView = listener), () => undefined) }),
        stop: () => Promise.resolve(),
      }),
  });
}

const call = (sender: unknown, url: string | null, method: unknown, input?: unknown) => Promise.resolve().then(() => electron.ipc.get('seggio:call')!({ sender, senderFrame: url === null ? null : { url } }, method, input));
const OWN = 'seggio-test://app/index.html';

describe("the apps' Electron main process", () => {
  beforeEach(() => start(true));

  it("answers only its own window's own page, and only the contract's methods, each input checked (R23)", async () => {
    expect(await call(window.webContents, OWN, 'getView')).toBe('the view');
    await expect(call({ other: 'contents' }, OWN, 'getView')).rejects.toThrow('refused');
    await expect(call(window.webContents, 'https://example.org/', 'getView')).rejects.toThrow('refused');
    await expect(call(window.webContents, null, 'getView')).rejects.toThrow('refused');
    for (const method of ['stop', 'constructor', 42]) await expect(call(window.webContents, OWN, method)).rejects.toThrow('unknown method');
    expect(await call(window.webContents, OWN, 'rename', { name: 7 })).toEqual({ ok: false, error: 'give a name' });
    expect(await call(window.webContents, OWN, 'rename', { name: 'B1' })).toEqual({ ok: true });
  });

  it('denies every permission a page asks for, unless the app permits it', async () => {
    const asked = (permission: string, url: string, mediaTypes?: string[]) =>
      new Promise<boolean>((resolve) => electron.permissionRequest!({}, permission, resolve, { requestingUrl: url, ...(mediaTypes ? { mediaTypes } : {}) }));
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) expect([permission, await asked(permission, OWN, ['video'])]).toEqual([permission, false]);
    expect(electron.permissionCheck!({}, 'media', OWN, { mediaType: 'video' })).toBe(false);
    await start(false, (permission, _url, media) => permission === 'media' && media?.[0] === 'video');
    expect(await asked('media', OWN, ['video'])).toBe(true);
    expect(await asked('geolocation', OWN)).toBe(false);
  });

  it('guards every page it makes: no leaving its origin, no new window (R23, R36)', () => {
    const contents = { ...electron.listeners(), setWindowOpenHandler: vi.fn() };
    electron.app.emit('web-contents-created', {}, contents);
    const refused = (url: string) => {
      const event = { refused: false, preventDefault: () => (event.refused = true) };
      contents.emit('will-navigate', event, url);
      return event.refused;
    };
    expect([refused('https://example.org/'), refused('file:///etc/passwd'), refused(OWN)]).toEqual([true, true, false]);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
  });

  it('serves the renderer under its protocol with the policy, and no file outside it', async () => {
    const serve = electron.protocols.get('seggio-test')!;
    const page = await serve(new Request(OWN));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(ELECTRON_CSP);
    expect(ELECTRON_CSP).toContain("connect-src 'none'");
    expect((await serve(new Request('seggio-test://app/%2e%2e%2fseggio-shell-secret.txt'))).status).toBe(404);
    expect((await serve(new Request('seggio-test://app/missing.js'))).status).toBe(404);
  });

  it("sends the contract's events to the page once it has loaded, on one channel", () => {
    window.webContents.emit('did-finish-load');
    emitView('changed');
    expect(window.webContents.sent).toEqual([['seggio:event', 'view', 'changed']]);
  });

  it('takes the menu away from a kiosk and keeps its window open; leaves both to an app that is not one', async () => {
    expect(electron.menu).toBeNull();
    const closing = { refused: false, preventDefault: () => (closing.refused = true) };
    window.emit('close', closing);
    expect(closing.refused).toBe(true);
    await start(false);
    expect(electron.menu).toBe('default');
  });
});
