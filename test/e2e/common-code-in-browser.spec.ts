// The common code of packages/crypto must run in a browser (docs/design.md §1): bundled for Chromium, its
// self-test passes there, with the browser's own random source, and a box it seals opens in Node.
import { expect, test } from '@playwright/test';
import { build, type Rolldown } from 'vite';
import { fromBase64, utf8 } from '@seggio/crypto';
import type * as SeggioCryptoModule from '@seggio/crypto';
import { nodeCrypto } from '@seggio/crypto/node';
import { REPO_ROOT } from '../support/index.js';

let bundle = '';

test.beforeAll(async () => {
  const output = (await build({
    configFile: false,
    logLevel: 'silent',
    resolve: { conditions: ['source', 'browser', 'module', 'import', 'default'] },
    build: {
      write: false,
      minify: false,
      lib: { entry: `${REPO_ROOT}/packages/crypto/src/index.ts`, formats: ['iife'], name: 'SeggioCrypto' },
    },
  })) as Rolldown.RolldownOutput[];
  bundle = output[0]!.output[0].code;
});

test('the pure crypto package runs in Chromium and interoperates with the Node path', async ({ page }) => {
  await page.goto('about:blank');
  await page.addScriptTag({ content: bundle });
  const urna = nodeCrypto.generateBoxKeyPair();
  const result = await page.evaluate((publicKey) => {
    const { pureCrypto, runSelfTest, fromBase64: decode, toBase64 } = (globalThis as unknown as { SeggioCrypto: typeof SeggioCryptoModule }).SeggioCrypto;
    const sealed = pureCrypto.seal(new TextEncoder().encode('{"answer":"NO"}'), decode(publicKey));
    return { selfTest: runSelfTest(pureCrypto), sealed: toBase64(sealed) };
  }, Buffer.from(urna.publicKey).toString('base64'));
  expect(result.selfTest).toMatchObject({ ok: true, backend: 'tweetnacl', implementation: 'tweetnacl, portable JavaScript', failures: [] });
  expect(nodeCrypto.sealOpen(fromBase64(result.sealed), urna)).toEqual(utf8('{"answer":"NO"}'));
});
