// Loading the profiles of a folder (hardware/profiles by default): every file checked, every problem
// named with its file and field; a bad profile is refused, the good ones still load.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseProfile, type Profile } from './profile.js';

/** A folder of the hardware package, whether this module runs from src/ or from dist/src/. */
function packageFolder(name: string): string {
  const fromSource = fileURLToPath(new URL(`../${name}`, import.meta.url));
  return existsSync(fromSource) ? fromSource : fileURLToPath(new URL(`../../${name}`, import.meta.url));
}

/** The profiles that come with Seggio. */
export const DEFAULT_PROFILES = packageFolder('profiles');

export function loadProfiles(dir: string = DEFAULT_PROFILES): { profiles: Profile[]; problems: string[] } {
  const profiles: Profile[] = [];
  const problems: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch (error) {
    return { profiles, problems: [`${dir}: cannot be read (${(error as Error).message})`] };
  }
  for (const name of names) {
    const file = join(dir, name);
    const parsed = parseProfile(file, readFileSync(file, 'utf8'));
    if (!parsed.ok) problems.push(...parsed.error);
    else if (profiles.some((p) => p.id === parsed.value.id)) problems.push(`${file}: id: "${parsed.value.id}" is already the id of another profile`);
    else profiles.push(parsed.value);
  }
  return { profiles, problems };
}

const VIRTUAL = (name: string) => join(packageFolder('virtual'), name);

/** The virtual keypad page a web shell serves beside a booth with a fake keypad: address → file. */
export const VIRTUAL_KEYPAD: Readonly<Record<string, string>> = {
  '/keypad.html': VIRTUAL('keypad.html'),
  '/keypad.css': VIRTUAL('keypad.css'),
  '/keypad.js': VIRTUAL('keypad.js'),
};
