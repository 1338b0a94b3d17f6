// The console's web shell (docs/design.md §1): the console service behind the generic web shell of
// @seggio/link, answering only the console contract's methods, with the button box's presses and the
// devices' status as events.
import type { ButtonEvent, ButtonSource, DeviceStatus } from '@seggio/hardware';
import { startWebShell, type WebShell } from '@seggio/link/web-shell';
import { consoleMethods, onViewCoalesced } from '../service/bridge.js';
import type { SeatConsole } from '../service/closing.js';

export type { WebShell };

/** The page sends a whole election package: the largest the schema takes (16 MiB) in base64, with its signature. */
const PACKAGE_MESSAGE_BYTES = 24 * 1024 * 1024;

/** `token`: the address of a day resumed (startWebShell). */
export function startConsoleWebShell(service: SeatConsole, rendererDir: string, port = 0, devices?: ButtonSource, token?: string): Promise<WebShell> {
  return startWebShell({
    rendererDir,
    port,
    maxPayload: PACKAGE_MESSAGE_BYTES,
    ...(token ? { token } : {}),
    methods: consoleMethods(service) as unknown as Record<string, (input: unknown) => unknown>,
    events: {
      view: (listener) => onViewCoalesced(service, listener),
      buttons: (listener) => {
        if (!devices) return () => undefined;
        const forward = (event: ButtonEvent) => {
          if (event.kind === 'console-buttons') listener(event.button);
        };
        devices.on('button', forward);
        return () => devices.off('button', forward);
      },
      devices: (listener) => {
        if (!devices) return () => undefined;
        // The page learns the devices' status as soon as it connects, then each change.
        setTimeout(() => listener(devices.status()), 0);
        const forward = (status: DeviceStatus[]) => listener(status);
        devices.on('status', forward);
        return () => devices.off('status', forward);
      },
    },
  });
}
