// seggio-hw list | monitor: what HID devices are attached, which of Seggio's profiles they answer to,
// whether the booth's voice (eSpeak NG) is there, and, while monitoring, every status change and button press.
import { parseArgs } from 'node:util';
import { nodeHidBackend, type HidDeviceInfo } from './backend.js';
import { HardwareHost } from './host.js';
import { matches, type Profile } from './profile.js';
import { DEFAULT_PROFILES, loadProfiles } from './profiles.js';
import { EspeakVoice } from './voice.js';

const USAGE = `usage:
  seggio-hw list [--profiles DIR]                 the HID devices attached, the profiles they answer to, and the booth's voice
  seggio-hw monitor [--profiles DIR] [--for S]     status changes and button presses, until Ctrl-C (or S seconds)
profiles: ${DEFAULT_PROFILES} unless --profiles is given`;

const hex = (n: number) => `0x${n.toString(16).padStart(4, '0')}`;
const describe = (p: Profile) => `${p.id} (${p.kind}): ${p.name}, ${hex(p.match.vendorId)}:${hex(p.match.productId)}${p.match.usagePage === undefined ? '' : ` usage page ${hex(p.match.usagePage)}`}`;

export async function main(argv: readonly string[], out: (line: string) => void = console.log): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { profiles: { type: 'string' }, for: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    out(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [command, ...rest] = parsed.positionals;
  if (parsed.values.help) {
    out(USAGE);
    return 0;
  }
  if ((command !== 'list' && command !== 'monitor') || rest.length > 0) {
    out(`${command === undefined ? 'no command given' : `unknown command: ${[command, ...rest].join(' ')}`}\n${USAGE}`);
    return 2;
  }
  const seconds = parsed.values.for === undefined ? null : Number(parsed.values.for);
  if (seconds !== null && !(seconds > 0)) {
    out(`--for ${parsed.values.for}: give a number of seconds above 0\n${USAGE}`);
    return 2;
  }
  const { profiles, problems } = loadProfiles(parsed.values.profiles ?? DEFAULT_PROFILES);
  for (const problem of problems) out(`profile refused: ${problem}`);
  out(`profiles: ${profiles.length}`);
  for (const p of profiles) out(`  ${describe(p)}`);

  if (command === 'list') {
    let devices: HidDeviceInfo[];
    try {
      devices = nodeHidBackend().devices();
    } catch (error) {
      out(`HID devices: cannot be listed: ${(error as Error).message}`);
      return 1;
    }
    if (devices.length === 0) out('HID devices: none attached (node-hid sees no HID device on this machine); the apps work without them');
    else out(`HID devices: ${devices.length}`);
    for (const d of devices) {
      const profile = profiles.find((p) => matches(p, d));
      out(`  ${hex(d.vendorId)}:${hex(d.productId)}${d.usagePage === undefined ? '' : ` usage page ${hex(d.usagePage)}`} ${d.product ?? ''} at ${d.path}: ${profile ? `is ${profile.id}` : 'no profile'}`);
    }
    for (const p of profiles) if (!devices.some((d) => matches(p, d))) out(`  ${p.id}: not attached`);
    const voice = new EspeakVoice().status();
    out(`booth voice: ${voice.available ? `${voice.detail} (it, de, en)` : voice.detail}`);
    return problems.length ? 1 : 0;
  }

  const started = Date.now();
  const stamp = () => `${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s`;
  const host = HardwareHost.start({ profiles, backend: 'node-hid' });
  // Each device's line when it changes, not the whole list each time.
  const shown = new Map<string, string>();
  host.on('status', (status) => {
    for (const s of status) {
      const line = `${s.state}${s.path ? ` at ${s.path}` : ''}: ${s.detail}`;
      if (shown.get(s.profile) !== line) out(`${stamp()}  ${s.profile}: ${line}`);
      shown.set(s.profile, line);
    }
  });
  host.on('button', (event) => out(`${stamp()}  ${event.profile}: ${event.button}`));
  host.on('restarted', (n) => out(`${stamp()}  the device thread stopped and was started again (${n})`));
  out(seconds === null ? 'monitoring; Ctrl-C to stop' : `monitoring for ${seconds} s`);
  await new Promise<void>((resolve) => {
    if (seconds !== null) setTimeout(resolve, seconds * 1000);
    process.once('SIGINT', () => resolve());
  });
  await host.stop();
  return problems.length ? 1 : 0;
}
