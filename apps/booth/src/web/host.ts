// The booth's web shell (DESIGN.md §2): the booth service behind the generic web shell of
// @seggio/link, answering only the booth contract's methods.
import { startWebShell, type WebShell } from '@seggio/link/web-shell';
import type { BoothCalls } from '../shared/bridge.js';
import type { BoothService } from '../service/index.js';

export type { WebShell };

export function startBoothWebShell(service: BoothService, rendererDir: string, port = 0): Promise<WebShell> {
  const methods: { [M in keyof BoothCalls]: (input: BoothCalls[M]['input']) => BoothCalls[M]['output'] } = {
    getView: () => service.getView(),
    getElection: () => service.getElection(),
    castBallots: (input) => service.castBallots(input),
  };
  return startWebShell({
    rendererDir,
    port,
    methods: methods as unknown as Record<string, (input: unknown) => unknown>,
    onView: (listener) => {
      service.on('view', listener);
      return () => service.off('view', listener);
    },
  });
}
