// Where an end-to-end screen's photograph goes: docs/screens/ only when asked for (SEGGIO_SCREENS=1),
// so that a test run leaves the repository's pictures as they are.
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';

export const SCREENS = join(REPO_ROOT, 'docs', 'screens');

/** The file to write this screen's picture to, or null when pictures were not asked for. */
export function screenFile(name: string, app: 'booth' | 'console' | 'office', env: Readonly<Record<string, string | undefined>> = process.env): string | null {
  return env.SEGGIO_SCREENS === '1' ? join(SCREENS, `${app}-${name}.png`) : null;
}
