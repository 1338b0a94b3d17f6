// The Prefettura's configuration (docs/design.md §7): the consultation it sums (days, turnout
// checkpoints, contests) and each comune of the province with its office's public key, pinned here: a
// comune tally counts only if that comune's own office signed it.
import { parseStrictJson, type Election } from '@seggio/ballot-core';
import { fromBase64 } from '@seggio/crypto';

export interface PrefetturaConfig {
  readonly format: 'seggio/prefettura@1';
  readonly province: { readonly name: string; readonly code: string };
  readonly title: string;
  readonly training: boolean;
  readonly days: readonly string[];
  readonly turnoutCheckpoints: readonly { readonly id: string; readonly at: string; readonly bySex: boolean }[];
  readonly contests: readonly { readonly id: string; readonly type: string; readonly title: string }[];
  readonly comuni: readonly { readonly istat: string; readonly name: string; readonly officeKey: Uint8Array }[];
}

export class PrefetturaConfigError extends Error {
  override name = 'PrefetturaConfigError';
}

const MAX_COMUNI = 2_000;
const text = (v: unknown, max = 200) => typeof v === 'string' && v.length > 0 && v.length <= max;

/** Reads the configuration, or throws naming the field and the reason. */
export function parsePrefetturaConfig(bytes: Uint8Array, file: string): PrefetturaConfig {
  const fail = (field: string, reason: string): never => {
    throw new PrefetturaConfigError(`${file}: ${field}: ${reason}`);
  };
  const json = parseStrictJson(bytes, { maxBytes: 1024 * 1024, maxDepth: 6 });
  if (!json.ok) return fail(json.error.path, json.error.message);
  const c = json.value as Record<string, unknown>;
  if (typeof c !== 'object' || c === null || c.format !== 'seggio/prefettura@1') return fail('format', 'is not seggio/prefettura@1');
  const province = c.province as Record<string, unknown> | undefined;
  if (!province || !text(province.name) || !/^[A-Z]{2}$/.test(String(province.code))) fail('province', 'needs a name and a two-letter code');
  if (!text(c.title, 300)) fail('title', 'must be a text of 1 to 300 characters');
  if (c.training !== undefined && typeof c.training !== 'boolean') fail('training', 'must be true or false');
  const list = (field: string, max: number): Record<string, unknown>[] => {
    const v = c[field];
    if (!Array.isArray(v) || v.length === 0 || v.length > max) fail(field, `must be a list of 1 to ${max}`);
    return v as Record<string, unknown>[];
  };
  const days = list('days', 10);
  days.forEach((d, i) => (typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d)) || fail(`days[${i}]`, 'must be a date YYYY-MM-DD'));
  const checkpoints = list('turnoutCheckpoints', 20).map((k, i) => (text(k.id, 40) && text(k.at, 40) ? { id: String(k.id), at: String(k.at), bySex: k.bySex === true } : fail(`turnoutCheckpoints[${i}]`, 'needs an id and a time')));
  const contests = list('contests', 20).map((k, i) => (text(k.id, 40) && text(k.type, 40) && text(k.title, 300) ? { id: String(k.id), type: String(k.type), title: String(k.title) } : fail(`contests[${i}]`, 'needs an id, a type and a title')));
  const seen = new Set<string>();
  const comuni = list('comuni', MAX_COMUNI).map((k, i) => {
    if (!/^\d{6}$/.test(String(k.istat))) fail(`comuni[${i}].istat`, 'must be the six digits of an ISTAT code');
    if (seen.has(String(k.istat))) fail(`comuni[${i}].istat`, `names comune ${String(k.istat)} a second time`);
    seen.add(String(k.istat));
    if (!text(k.name)) fail(`comuni[${i}].name`, 'must be a text of 1 to 200 characters');
    let key: Uint8Array | null;
    try {
      key = fromBase64(String(k.officeKey));
    } catch {
      key = null;
    }
    if (!key || key.length !== 32) fail(`comuni[${i}].officeKey`, 'must be an Ed25519 public key in base64 (32 bytes)');
    return { istat: String(k.istat), name: String(k.name), officeKey: key! };
  });
  return {
    format: 'seggio/prefettura@1', province: { name: String(province!.name), code: String(province!.code) }, title: String(c.title), training: c.training === true,
    days: days as unknown as string[], turnoutCheckpoints: checkpoints, contests, comuni,
  };
}

/** The first field in which a comune's election is not the Prefettura's consultation, or null. */
export function otherElectionField(config: PrefetturaConfig, e: Election): string | null {
  if (e.comune.province !== config.province.code) return 'comune.province';
  if ((e.training === true) !== config.training) return 'training';
  if (e.days.map((d) => d.date).join() !== config.days.join()) return 'days';
  if (e.turnoutCheckpoints.map((k) => `${k.id} ${k.at}`).join() !== config.turnoutCheckpoints.map((k) => `${k.id} ${k.at}`).join()) return 'turnoutCheckpoints';
  for (const want of config.contests) {
    const c = e.contests.find((x) => x.id === want.id);
    if (!c || c.type !== want.type || c.title !== want.title) return `contests ${want.id}`;
  }
  return null;
}
