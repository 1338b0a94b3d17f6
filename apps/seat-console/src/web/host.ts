// The console's web shell (DESIGN.md §2): the console service behind the generic web shell of
// @seggio/link, answering only the console contract's methods.
import { startWebShell, type WebShell } from '@seggio/link/web-shell';
import { consoleMethods } from '../service/bridge.js';
import type { SeatConsole } from '../service/closing.js';

export type { WebShell };

export function startConsoleWebShell(service: SeatConsole, rendererDir: string, port = 0): Promise<WebShell> {
  return startWebShell({
    rendererDir,
    port,
    methods: consoleMethods(service) as unknown as Record<string, (input: unknown) => unknown>,
    onView: (listener) => {
      // A burst of booth messages (at close, a whole booth's ballots) is one view for the page.
      let timer: NodeJS.Timeout | null = null;
      const send = () => {
        timer ??= setTimeout(() => {
          timer = null;
          listener(service.getView());
        }, 20);
      };
      service.on('view', send);
      return () => {
        service.off('view', send);
        if (timer) clearTimeout(timer);
      };
    },
  });
}
