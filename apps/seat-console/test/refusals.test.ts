// Every refusal of the console's catalogue is one the console can give: its code is written where a
// refusal is made (the service, the contract's input checks in shared/bridge.ts, or the page's bridge
// when the service cannot be asked), or it is one of @seggio/crypto's share problems, which that
// package's own test holds to its code. What a booth refuses or why it stopped, as the link's codes,
// has its words in the president's event log.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARE_PROBLEMS } from '@seggio/crypto';
import { OUT_OF_SERVICE_CODES, REFUSED_CODES } from '@seggio/link';
import { REFUSALS } from '../src/shared/refusals.js';

const src = new URL('../src/', import.meta.url).pathname;
const service = readdirSync(join(src, 'service'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => join(src, 'service', f));
const sources = [...service, join(src, 'shared', 'bridge.ts'), join(src, 'renderer', 'bridge.ts')].map((f) => readFileSync(f, 'utf8')).join('\n');

describe("the console's refusals", () => {
  it.each(Object.keys(REFUSALS).filter((c) => !(c in SHARE_PROBLEMS)))('%s is made somewhere', (code) => {
    expect(sources).toContain(`'${code}'`);
  });
});

describe("the console's words for the link's codes", () => {
  it.each([...Object.keys(REFUSED_CODES), ...Object.keys(OUT_OF_SERVICE_CODES)])('what a booth gives as %s is said in every language of the event log', (code) => {
    // Read as text: the renderer's catalogue is browser code, outside this project.
    for (const language of ['it', 'de', 'en']) expect(readFileSync(join(src, 'renderer', 'i18n', `${language}.ts`), 'utf8'), `${language} logword.${code}`).toContain(`'logword.${code}':`);
  });
});
