// Each Electron app's main/ only makes its window and wires its service into @seggio/shell (docs/design.md
// §1): the security code and the IPC and device wiring live once, elsewhere, so main/ stays small.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/index.js';

const MAX_MAIN_LINES = 120;

describe("each Electron app's main/", () => {
  it.each(['booth', 'seat-console'])('apps/%s/src/main is under 120 lines in all, and starts through the shell', (app) => {
    const dir = join(REPO_ROOT, 'apps', app, 'src', 'main');
    const files = readdirSync(dir);
    const lines = files.reduce((n, file) => n + readFileSync(join(dir, file), 'utf8').split('\n').length - 1, 0);
    expect(lines).toBeLessThan(MAX_MAIN_LINES);
    const main = readFileSync(join(dir, 'main.ts'), 'utf8');
    expect(main).toContain("from '@seggio/shell/main'");
    // No IPC, protocol or session code of its own: the shell's is the only one.
    expect(main).not.toMatch(/ipcMain|protocol\.|session\.|setPermission/);
  });
});
