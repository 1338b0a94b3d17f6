// What either shell hosts for the console's page (docs/design.md §1), wired once for the Electron main
// process, the web shell and `npm start`: the contract's handlers over the service (each input already
// checked by the contract), the view coalesced, and the button box's presses and status as the page's events.
import { DEFAULT_PROFILES, HardwareHost, loadProfiles, type ButtonEvent, type ButtonSource, type DeviceStatus } from '@seggio/hardware';
import { err, fromBase64 } from '@seggio/crypto';
import { host, type Hosted } from '@seggio/shell/contract';
import type { ConsoleView } from '../shared/api.js';
import { CONSOLE_CONTRACT, type ConsoleButton } from '../shared/bridge.js';
import { refusal } from '../shared/refusals.js';
import type { SeatConsole } from './console.js';

/** A file's name as a page gives it: a name, not a path, and short. */
const fileName = (value: unknown): value is string => typeof value === 'string' && /^[^/\\\0]{1,255}$/.test(value);

/**
 * The view for the page, at most one per `ms`: a burst of booth messages (at close, a whole booth's
 * ballots) is one view. Returns the unsubscribe.
 */
export function onViewCoalesced(service: SeatConsole, listener: (view: ConsoleView) => void, ms = 20): () => void {
  let timer: NodeJS.Timeout | null = null;
  const changed = () => {
    timer ??= setTimeout(() => {
      timer = null;
      listener(service.getView());
    }, ms);
  };
  service.on('view', changed);
  return () => {
    service.off('view', changed);
    if (timer) clearTimeout(timer);
  };
}

/** The console's page as a shell hosts it; `buttons`: the president's button box, if any. */
export function hostConsole(service: SeatConsole, buttons?: ButtonSource): Hosted {
  return host(
    CONSOLE_CONTRACT,
    {
      getView: () => service.getView(),
      getElection: () => service.getElection(),
      listPackages: () => service.listPackages(),
      loadPackage: (input) => service.loadPackage(input),
      loadElectionFiles: (input) => {
        const names = fileName(input.names?.package) && fileName(input.names.signature) ? { package: input.names.package, signature: input.names.signature } : undefined;
        try {
          return service.loadElection({ bytes: fromBase64(input.bytes), signature: fromBase64(input.signature), ...(names ? { names } : {}) });
        } catch {
          return err([refusal('package-files-damaged')]);
        }
      },
      createKeys: (input) => service.createKeys(input),
      listCertificates: () => service.listCertificates(),
      importCertificate: (input) => service.importCertificate(input),
      pairBooth: (input) => service.pairBooth(input),
      importRoll: (input) => service.importRoll(input),
      lookupVoter: (input) => service.lookupVoter(input),
      openVoting: () => service.openVoting(),
      enableBooth: (input) => service.enableBooth(input),
      cancelSession: (input) => service.cancelSession(input),
      recordTurnout: (input) => service.recordTurnout(input),
      saveTurnoutReport: (input) => service.saveTurnoutReport(input),
      closeVoting: (input) => service.closeVoting(input),
      reconcile: () => service.reconcile(),
      count: (input) => service.count(input),
      exportBundle: (input) => service.exportBundle(input),
      retryOfficePush: () => service.retryOfficePush(),
    },
    {
      view: (listener) => onViewCoalesced(service, listener),
      buttons: (listener) => {
        if (!buttons) return () => undefined;
        const forward = (event: ButtonEvent) => {
          if (event.kind === 'console-buttons') listener(event.button as ConsoleButton);
        };
        buttons.on('button', forward);
        return () => buttons.off('button', forward);
      },
      devices: (listener) => {
        if (!buttons) return () => undefined;
        // The page learns the devices' status as soon as it connects (or loads), then each change.
        const first = setTimeout(() => listener(buttons.status()), 0);
        const forward = (status: DeviceStatus[]) => listener(status);
        buttons.on('status', forward);
        return () => {
          clearTimeout(first);
          buttons.off('status', forward);
        };
      },
    },
  );
}

/** The president's button box, in its own thread; the console works without it. `profilesDir`: SEGGIO_HW_PROFILES. */
export function startButtonBox(profilesDir: string = DEFAULT_PROFILES): HardwareHost {
  const { profiles, problems } = loadProfiles(profilesDir);
  for (const problem of problems) console.error(`button box profile refused: ${problem}`);
  return HardwareHost.start({ profiles: profiles.filter((p) => p.kind === 'console-buttons'), backend: 'node-hid' });
}
