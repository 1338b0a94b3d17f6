// One booth as its own process, for the simulated day. The parent stands in for the voter at the
// screen: it sends the selections to cast over IPC, and this process casts them through the service.
import { BoothService, type CastInput } from '@seggio/booth';
import { fromBase64 } from '@seggio/crypto';
import { nodeCrypto } from '@seggio/crypto/node';

/** `confirm`: the president confirms the console's machine id and fingerprint on the booth. */
export type ToBooth = { type: 'cast'; input: CastInput } | { type: 'confirm' } | { type: 'stop' };
export type FromBooth =
  | { type: 'view'; view: ReturnType<BoothService['getView']> }
  | { type: 'cast-result'; session: string; ok: boolean; error?: string }
  | { type: 'failed'; error: string };

const [storePath, officeKey, consoleUrl, machineKeyPath] = process.argv.slice(2) as [string, string, string, string];
const send = (message: FromBooth) => process.send!(message);

let booth: BoothService;
try {
  booth = BoothService.start(nodeCrypto, { storePath, machineKeyPath, officeKey: fromBase64(officeKey), consoleUrl });
} catch (error) {
  send({ type: 'failed', error: (error as Error).message });
  process.exit(1);
}
booth.on('view', (view) => send({ type: 'view', view }));
send({ type: 'view', view: booth.getView() });

process.on('message', (message: ToBooth) => {
  if (message.type === 'stop') {
    booth.stop();
    process.exit(0);
  }
  if (message.type === 'confirm') {
    booth.confirmConsole({ accept: true });
    return;
  }
  const result = booth.castBallots(message.input);
  send({ type: 'cast-result', session: message.input.session, ok: result.ok, ...(result.ok ? {} : { error: JSON.stringify(result.error) }) });
});
