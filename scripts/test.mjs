#!/usr/bin/env node
// `npm test`: Vitest, then Playwright where end-to-end specs exist, then one plain closing line,
// `tests: N passed, N failed[, N skipped]`, which CI reads. Exits non-zero on any failure, on a runner
// that crashed, and on a run that executed no test at all.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const out = join(root, 'test-results');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
let crashed = false;

// A runner that has not finished in this time is stopped and counted as failed, so that a hung run
// says so well within CI's limit instead of using it up (each runner takes a few minutes here).
const RUNNER_LIMIT_MS = 35 * 60_000;

function run(name, command, args, env = {}) {
  console.log(`\n== ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env }, timeout: RUNNER_LIMIT_MS, killSignal: 'SIGKILL' });
  if (result.error?.code === 'ETIMEDOUT') console.log(`\n== ${name} did not finish in ${RUNNER_LIMIT_MS / 60_000} minutes: stopped, and counted as failed`);
  return result.status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const extra = process.argv.slice(2);
const vitestJson = join(out, 'vitest.json');
const vitestStatus = run('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`, ...extra]);
const vitest = readJson(vitestJson);
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests + (vitest.numRuntimeErrorTestSuites ?? 0);
  totals.skipped += vitest.numPendingTests + vitest.numTodoTests;
  if (vitestStatus !== 0 && vitest.numFailedTests === 0) crashed = true;
} else {
  crashed = true;
}

const hasSpecs = (dir) =>
  existsSync(dir) && readdirSync(dir, { recursive: true }).some((f) => String(f).endsWith('.spec.ts'));
if (extra.length === 0 && hasSpecs(join(root, 'test', 'e2e'))) {
  const playwrightJson = join(out, 'playwright.json');
  const status = run('playwright', 'npx', ['playwright', 'test', '-c', 'test/playwright.config.ts', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson });
  const report = readJson(playwrightJson);
  if (report) {
    totals.passed += report.stats.expected + report.stats.flaky;
    totals.failed += report.stats.unexpected;
    totals.skipped += report.stats.skipped;
    if (status !== 0 && report.stats.unexpected === 0) crashed = true;
  } else {
    crashed = true;
  }
}

if (crashed) totals.failed += 1;
const line = `tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;
writeFileSync(join(out, 'summary.txt'), `${line}\n`);
console.log(`\n${crashed ? 'a test runner stopped without a complete report (counted as one failure)\n' : ''}${line}`);
process.exitCode = totals.failed > 0 || totals.passed === 0 ? 1 : 0;
