import { describe, expect, it } from 'vitest';
import { releaseMetadata } from '../src/release.js';

const HOME = 'https://elettorale.comune.example.it/seggio';
const MAINTAINER = 'Ufficio elettorale <elettorale@comune.example.it>';

describe("a release build's deb metadata", () => {
  it('is required for deb and AppImage, and optional for the unpacked folder', () => {
    expect(releaseMetadata(false, HOME, MAINTAINER)).toEqual({ ok: true, metadata: { homepage: HOME, maintainer: MAINTAINER } });
    expect(releaseMetadata(true, undefined, undefined)).toEqual({ ok: true, metadata: undefined });
    const missing = releaseMetadata(false, undefined, undefined);
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.problems).toHaveLength(2);
  });

  it('is given whole: a homepage without a maintainer is refused even for the unpacked folder', () => {
    const half = releaseMetadata(true, HOME, undefined);
    expect(half).toEqual({ ok: false, problems: ["--maintainer is missing: the deb's homepage and maintainer are given together"] });
  });

  it.each([
    ['http://comune.example.it', MAINTAINER, '--homepage http://comune.example.it'],
    ['comune.example.it', MAINTAINER, '--homepage comune.example.it'],
    [`https://${'a'.repeat(300)}.it`, MAINTAINER, '300 characters'],
    [HOME, 'Ufficio elettorale', '--maintainer Ufficio elettorale'],
    [HOME, 'Ufficio <elettorale>', '--maintainer Ufficio <elettorale>'],
    [HOME, 'Ufficio <a@b.it>\nX: y', 'Name <address>'],
  ])('refuses homepage %s with maintainer %j, saying why', (homepage, maintainer, reason) => {
    const check = releaseMetadata(false, homepage, maintainer);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.problems.join('\n')).toContain(reason);
  });
});
