// What a deb needs beyond the apps' own files: its control file's Homepage and Maintainer (Debian
// policy §5.6.2 and §5.6.23; electron-builder refuses a deb without them). Seggio has no single
// publisher: the Comune or the technician who builds a release names themselves, on the command line.

export interface ReleaseMetadata {
  /** The Homepage field: where the installed package says it comes from. */
  readonly homepage: string;
  /** The Maintainer field, `Name <address>`: who answers for this build. */
  readonly maintainer: string;
}

const MAINTAINER = /^[^<>@\n]{1,100} <[^<>@\s]{1,64}@[^<>@\s]{1,190}\.[^<>@\s]{1,63}>$/;

export type ReleaseCheck =
  | { readonly ok: true; readonly metadata: ReleaseMetadata | undefined }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * The deb's metadata from the command line: required for a release build (deb and AppImage), checked
 * and applied when given to a `--dir` build too (the packaged package.json carries the homepage).
 */
export function releaseMetadata(dirOnly: boolean, homepage: string | undefined, maintainer: string | undefined): ReleaseCheck {
  const problems: string[] = [];
  if (homepage === undefined) {
    if (!dirOnly) problems.push('--homepage is missing: a deb names its homepage (give the https address of whoever publishes this build)');
  } else if (!isHttps(homepage)) {
    problems.push(`--homepage ${homepage}: give an https:// address of at most 300 characters`);
  }
  if (maintainer === undefined) {
    if (!dirOnly) problems.push('--maintainer is missing: a deb names who maintains it, as "Name <address>"');
  } else if (!MAINTAINER.test(maintainer)) {
    problems.push(`--maintainer ${maintainer}: give it as "Name <address>", for example "Ufficio elettorale <elettorale@comune.example.it>"`);
  }
  if (problems.length > 0) return { ok: false, problems };
  if (homepage === undefined && maintainer === undefined) return { ok: true, metadata: undefined };
  if (homepage === undefined || maintainer === undefined) {
    return { ok: false, problems: [`--${homepage === undefined ? 'homepage' : 'maintainer'} is missing: the deb's homepage and maintainer are given together`] };
  }
  return { ok: true, metadata: { homepage, maintainer } };
}

function isHttps(text: string): boolean {
  if (text.length > 300) return false;
  try {
    return new URL(text).protocol === 'https:';
  } catch {
    return false;
  }
}
