// Every refusal of the console's catalogue is one the console can give: its code is written where a
// refusal is made (the service, the contract's input checks in shared/bridge.ts, or the page's bridge
// when the service cannot be asked), or it is one of @seggio/crypto's share problems, which that
// package's own test holds to its code.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARE_PROBLEMS } from '@seggio/crypto';
import { REFUSALS } from '../src/shared/refusals.js';

const src = new URL('../src/', import.meta.url).pathname;
const service = readdirSync(join(src, 'service'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => join(src, 'service', f));
const sources = [...service, join(src, 'shared', 'bridge.ts'), join(src, 'renderer', 'bridge.ts')].map((f) => readFileSync(f, 'utf8')).join('\n');

describe("the console's refusals", () => {
  it.each(Object.keys(REFUSALS).filter((c) => !(c in SHARE_PROBLEMS)))('%s is made somewhere', (code) => {
    expect(sources).toContain(`'${code}'`);
  });
});
