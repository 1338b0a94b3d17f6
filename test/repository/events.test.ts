// The one catalogue of log events (packages/ballot-core/src/formats/log.ts) against the apps that log
// them, both ways: every event declared is logged by the app it names, every event logged is declared,
// and every long action is a pair, its `-init` completed by an event that says how it ended.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENTS } from '@seggio/ballot-core';
import { REPO_ROOT } from '../support/index.js';

/** The event ids named where an app logs: an appendLog call's first argument, or the `event` of a derived entry. */
function logged(dir: string): Set<string> {
  const ids = new Set<string>();
  for (const file of readdirSync(join(REPO_ROOT, dir), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
    for (const line of readFileSync(join(REPO_ROOT, dir, file), 'utf8').split('\n')) {
      for (const m of line.matchAll(/appendLog\('([a-z-]+)'/g)) ids.add(m[1]!);
      // A derived entry's event, which may be chosen (`event: a ? 'x' : 'y'`): the ids before its detail.
      for (const m of line.matchAll(/\bevent: ([^,;}]*)/g)) for (const id of m[1]!.matchAll(/(?<![=!]== )'([a-z-]+)'/g)) ids.add(id[1]!);
    }
  }
  return ids;
}
const BY = { booth: logged('apps/booth/src/service'), console: logged('apps/seat-console/src/service') };
const declared = Object.entries(EVENTS);

describe('the catalogue of log events', () => {
  it.each(declared)('%s is logged by the app it names', (id, d) => {
    for (const app of d.by === 'both' ? (['booth', 'console'] as const) : [d.by]) expect([...BY[app]], `${app} logs ${id}`).toContain(id);
    for (const app of (['booth', 'console'] as const).filter((a) => d.by !== 'both' && a !== d.by)) expect([...BY[app]], `${app} does not log ${id}`).not.toContain(id);
  });

  it('declares every event the booth and the console log', () => {
    expect([...BY.booth, ...BY.console].filter((id) => !(id in EVENTS))).toEqual([]);
  });

  it('pairs each long action: an -init is completed by an event whose entries say how it ended', () => {
    for (const [id, d] of declared) {
      const completedBy = 'completedBy' in d ? d.completedBy : undefined;
      expect(id.endsWith('-init'), `${id} is a -init exactly when it names its completion`).toBe(completedBy !== undefined);
      if (completedBy === undefined) continue;
      expect(EVENTS, `${id} completed by ${completedBy}`).toHaveProperty(completedBy);
      expect(EVENTS[completedBy as keyof typeof EVENTS].disposition, completedBy).toBe('either');
    }
  });
});
