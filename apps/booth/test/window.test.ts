// docs/threat-model.md R23 for the booth's Electron window, checked on the options themselves: Electronegativity
// misses nodeIntegration when sandbox is false (docs/threat-model.md fact 6), so this test does not rely on it.
// The kiosk's rules (keys, navigation, closing, permissions, IPC senders) are the shell's: packages/shell/test.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { devToolsWanted } from '@seggio/shell/guards';
import { createBoothWindow, SCHEME } from '../src/main/window.js';

/** Stands in for Electron's BrowserWindow and keeps the options it was given. */
class CapturedWindow {
  constructor(readonly options: { kiosk?: boolean; fullscreen?: boolean; closable?: boolean; minimizable?: boolean; webPreferences?: { devTools?: boolean; autoplayPolicy?: string } }) {}
}
const boothWindowOptions = (preload: string, packaged: boolean, env: Record<string, string> = {}) => createBoothWindow(CapturedWindow, preload, devToolsWanted(env, packaged)).options;

describe('the booth window', () => {
  const production = boothWindowOptions('/app/preload.cjs', true);

  it('is a kiosk with an isolated, sandboxed renderer and no Node', () => {
    expect(production).toMatchObject({ kiosk: true, fullscreen: true });
    expect(production.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      preload: '/app/preload.cjs',
    });
  });

  it('plays the voice in the headphones without a touch on the screen', () => {
    expect(production.webPreferences?.autoplayPolicy).toBe('no-user-gesture-required');
  });

  it('has devtools only when asked for by name on an unpackaged build, never merely because it is unpackaged (R36)', () => {
    expect(production.webPreferences?.devTools).toBe(false);
    expect(boothWindowOptions('/p', false).webPreferences?.devTools).toBe(false);
    expect(boothWindowOptions('/p', false, { SEGGIO_DEVTOOLS: 'yes' }).webPreferences?.devTools).toBe(false);
    expect(boothWindowOptions('/p', true, { SEGGIO_DEVTOOLS: '1' }).webPreferences?.devTools).toBe(false);
    expect(boothWindowOptions('/p', false, { SEGGIO_DEVTOOLS: '1' }).webPreferences?.devTools).toBe(true);
  });

  it('cannot be closed by the voter (and, on Linux, its close is refused unless the booth quits: the shell\'s keepOpen)', () => {
    expect(production.closable).toBe(false);
    expect(production.minimizable).toBe(false);
  });

  it('is loaded from its own protocol, a kiosk (the shell keeps its keys and its window)', () => {
    expect(SCHEME).toBe('seggio-booth');
    expect(readFileSync(new URL('../src/main/main.ts', import.meta.url), 'utf8')).toContain('kiosk: true');
  });
});
