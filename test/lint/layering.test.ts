// The layering rule of docs/design.md §1, through the repository's own eslint.config.js: each forbidden
// import is reported, and each allowed one is not.
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/index.js';

// Virtual files are not in any tsconfig, so type-aware rules are switched off for them.
const eslint = new ESLint({
  cwd: REPO_ROOT,
  overrideConfig: [{ files: ['**/*.ts'], ...tseslint.configs.disableTypeChecked }],
});

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${REPO_ROOT}/${file}` });
  return result!.messages.filter((m) => m.ruleId === 'seggio/layering' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

const RENDERER = 'apps/booth/src/renderer/probe.ts';
const SERVICE = 'apps/seat-console/src/service/probe.ts';

describe('the layering rule refuses', () => {
  it.each([
    [RENDERER, "import fs from 'node:fs';", /renderer code may not import the Node built-in 'node:fs'/],
    [RENDERER, "import { join } from 'path';", /Node built-in 'path'/],
    [RENDERER, "const os = require('os');", /Node built-in 'os'/],
    [RENDERER, "export const load = () => import('node:child_process');", /Node built-in 'node:child_process'/],
    [RENDERER, "import Database from 'better-sqlite3';", /Node-only package 'better-sqlite3'/],
    [RENDERER, "import HID from 'node-hid';", /Node-only package 'node-hid'/],
    [RENDERER, "import { nodeCrypto } from '@seggio/crypto/node';", /Node-only package '@seggio\/crypto\/node'/],
    [RENDERER, "import { ipcRenderer } from 'electron';", /only main\/ and preload\/ may import Electron/],
    [RENDERER, "import { createBoothService } from '../service/index.js';", /renderer imports the service's types only/],
    [RENDERER, "import { type BoothState, createBoothService } from '../service/index.js';", /renderer imports the service's types only/],
    [RENDERER, "export { type BoothState, createBoothService } from '../service/index.js';", /renderer imports the service's types only/],
    [RENDERER, "import { webBridge } from '@seggio/link/browserX';", /Node-only package '@seggio\/link\/browserX'/],
    [RENDERER, "import { webBridge } from '@seggio/link/browser/../web-shell';", /Node-only package/],
    [RENDERER, "import { webBridge } from '@seggio/shell/browser/../web-shell';", /Node-only package/],
    [RENDERER, "import { accept } from '@seggio/shell/contractX';", /Node-only package '@seggio\/shell\/contractX'/],
    ['apps/booth/src/preload/probe.ts', "import { readFileSync } from 'node:fs';", /preload code may not import the Node built-in/],
    [SERVICE, "import { app } from 'electron';", /service code may not import 'electron'/],
    [SERVICE, "import type { BrowserWindow } from 'electron';", /service code may not import 'electron'/],
    [SERVICE, "import { App } from '../renderer/app.js';", /service code may not import the renderer/],
    ['apps/booth/src/shared/probe.ts', "import { EventEmitter } from 'node:events';", /shared code may not import the Node built-in/],
    ['packages/link/src/probe.ts', "import { ipcMain } from 'electron';", /node code may not import 'electron'/],
    ['hardware/src/probe.ts', "export { BrowserWindow } from 'electron';", /may not import 'electron'/],
    ['apps/cli/src/probe.ts', "import electron = require('electron');", /may not import 'electron'/],
    ['packages/crypto/src/probe.ts', "import { createHash } from 'node:crypto';", /common code may not import the Node built-in 'node:crypto'/],
    ['packages/crypto/src/probe.ts', "import sodium from 'sodium-native';", /common code may not import the Node-only package 'sodium-native'/],
    ['packages/ballot-core/src/rules/probe.ts', "export * from 'node:path';", /common code may not import the Node built-in/],
    ['packages/crypto/src/probe.ts', "export { nodeCrypto } from './node/index.js';", /common code may not import the node\/ fast paths/],
    ['packages/ballot-core/src/probe.ts', "export const bytes = Buffer.from('x');", /'Buffer' exists only in Node/],
    [RENDERER, 'export const argv = process.argv;', /'process' exists only in Node/],
    [RENDERER, "import { startWebShell } from '@seggio/shell/web-shell';", /Node-only package '@seggio\/shell\/web-shell'/],
    [RENDERER, "import { startElectronApp } from '@seggio/shell/main';", /Node-only package '@seggio\/shell\/main'/],
    ['apps/booth/src/shared/probe.ts', "import { appOrigin } from '@seggio/shell/main';", /Node-only package '@seggio\/shell\/main'/],
    ['packages/shell/src/common/probe.ts', "import { readFileSync } from 'node:fs';", /common code may not import the Node built-in 'node:fs'/],
    ['packages/shell/src/common/probe.ts', "import { app } from 'electron';", /only main\/ and preload\/ may import Electron/],
    ['packages/shell/src/common/probe.ts', 'export const argv = process.argv;', /'process' exists only in Node/],
    ['packages/shell/src/preload/probe.ts', "import { readFileSync } from 'node:fs';", /preload code may not import the Node built-in/],
    ['packages/shell/src/web-shell-probe.ts', "import { BrowserWindow } from 'electron';", /node code may not import 'electron'/],
    ['packages/shell/src/browser/probe.ts', "import { WebSocket } from 'ws';", /browser code may not import the Node-only package 'ws'/],
  ])('%s: %s', async (file, code, expected) => {
    expect(await problems(file, code)).toContainEqual(expect.stringMatching(expected));
  });
});

describe('the layering rule allows', () => {
  it.each([
    [RENDERER, "import type { BoothState } from '../service/state.js';"],
    [RENDERER, "import { type BoothApi } from '../shared/api.js';"],
    [RENDERER, "import { pureCrypto } from '@seggio/crypto';"],
    [RENDERER, "import { pageBridge } from '@seggio/shell/browser';\nimport { accept } from '@seggio/shell/contract';\nimport { writtenTime } from '@seggio/shell/dates';"],
    ['apps/booth/src/shared/probe.ts', "import { noInput, withInput } from '@seggio/shell/contract';"],
    ['packages/shell/src/main/probe.ts', "import { app } from 'electron';\nimport { join } from 'node:path';"],
    ['packages/shell/src/preload/probe.ts', "import { contextBridge } from 'electron';"],
    ['apps/booth/src/shared/probe.ts', "import type { BoothState } from '@seggio/link';"],
    ['apps/booth/src/main/probe.ts', "import { app } from 'electron';\nimport { join } from 'node:path';"],
    ['apps/booth/src/preload/probe.ts', "import { contextBridge, ipcRenderer } from 'electron';"],
    [SERVICE, "import Database from 'better-sqlite3';\nimport { readFileSync } from 'node:fs';"],
    ['packages/crypto/src/node/probe.ts', "import { createHash } from 'node:crypto';\nexport const b = Buffer.alloc(1);"],
    ['packages/crypto/src/node/probe.ts', "import sodium from 'sodium-native';"],
    ['packages/crypto/test/probe.test.ts', "import { createHash } from 'node:crypto';"],
    ['packages/link/src/probe.ts', "import { WebSocketServer } from 'ws';"],
  ])('%s: %s', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});
