// What each app's electron-builder.yml names: the apps packaged, their executable and where the deb
// installs it (electron-builder puts a Linux app in /opt/<productName>/<linux.executableName>).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';

/** The Electron apps, as folders under apps/. */
export const APPS = ['booth', 'seat-console'] as const;
export type AppName = (typeof APPS)[number];

export interface AppIdentity {
  appId: string;
  productName: string;
  executableName: string;
  /** The executable as the deb installs it. */
  installedPath: string;
}

export function appIdentity(root: string, app: AppName): AppIdentity {
  const file = join(root, 'apps', app, 'electron-builder.yml');
  const config = load(readFileSync(file, 'utf8')) as { appId?: unknown; productName?: unknown; linux?: { executableName?: unknown } } | null;
  const text = (value: unknown, field: string) => {
    if (typeof value !== 'string' || value === '') throw new Error(`${file}: ${field} is missing or not text`);
    return value;
  };
  const productName = text(config?.productName, 'productName');
  const executableName = text(config?.linux?.executableName, 'linux.executableName');
  return { appId: text(config?.appId, 'appId'), productName, executableName, installedPath: `/opt/${productName}/${executableName}` };
}
