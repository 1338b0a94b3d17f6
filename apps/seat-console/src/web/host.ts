// The console's web shell (docs/design.md §1): the console's page as hostConsole hosts it, behind the
// shared web shell of @seggio/shell.
import type { ButtonSource } from '@seggio/hardware';
import { startWebShell, type WebShell } from '@seggio/shell/web-shell';
import { hostConsole } from '../service/bridge.js';
import type { SeatConsole } from '../service/console.js';

export type { WebShell };

/** The page sends a whole election package: the largest the schema takes (16 MiB) in base64, with its signature. */
const PACKAGE_MESSAGE_BYTES = 24 * 1024 * 1024;

/** `token`: the address of a day resumed (startWebShell). */
export function startConsoleWebShell(service: SeatConsole, rendererDir: string, port = 0, devices?: ButtonSource, token?: string): Promise<WebShell> {
  return startWebShell({ rendererDir, port, maxPayload: PACKAGE_MESSAGE_BYTES, ...(token ? { token } : {}), ...hostConsole(service, devices) });
}
