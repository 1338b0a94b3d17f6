// The booth's kiosk session (kiosk/): the unit passes `systemd-analyze verify` and starts the packaged
// booth where the deb installs it, under cage, as the kiosk user; the other files say what they must.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appIdentity } from '../src/config.js';

const root = join(import.meta.dirname, '..', '..', '..');
const kiosk = join(root, 'kiosk');
const work = mkdtempSync(join(tmpdir(), 'seggio-kiosk-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const read = (file: string) => readFileSync(join(kiosk, file), 'utf8');

/** The `Key=value` lines of an ini-style systemd file, by section; a key given twice keeps both. */
function parseUnit(text: string): Record<string, Record<string, string[]>> {
  const sections: Record<string, Record<string, string[]>> = {};
  let section: Record<string, string[]> | undefined;
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) {
      section = sections[header[1]!] = {};
      continue;
    }
    const pair = /^(\w+)=(.*)$/.exec(line);
    if (!pair || !section) throw new Error(`line ${index + 1}: not a Key=value line inside a section: ${line}`);
    (section[pair[1]!] ??= []).push(pair[2]!);
  }
  return sections;
}

/** A command line split as systemd splits ExecStart: on spaces, double quotes holding one word. */
function words(command: string): string[] {
  return [...command.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

const unit = parseUnit(read('seggio-booth.service'));
const booth = appIdentity(root, 'booth');
const analyze = spawnSync('systemd-analyze', ['--version']).status === 0;

describe('kiosk/seggio-booth.service', () => {
  it('starts the packaged booth, where the deb installs it, alone under cage, with no VT switching', () => {
    const [compositor, ...rest] = words(unit.Service!.ExecStart![0]!);
    expect(compositor).toBe('/usr/bin/cage');
    const separator = rest.indexOf('--');
    expect(rest.slice(0, separator)).not.toContain('-s');
    expect(rest[separator + 1]).toBe(booth.installedPath);
    expect(booth.installedPath).toBe('/opt/Seggio Cabina/seggio-booth');
  });

  it('runs as the unprivileged kiosk user on tty1, is started again whenever it stops, and takes tty1 from its login prompt', () => {
    const service = unit.Service!;
    const sysusers = read('sysusers.d/seggio-booth.conf').split('\n').find((line) => line.startsWith('u '))!;
    expect(service.User).toEqual([sysusers.split(' ')[1]]);
    expect(service.User).not.toEqual(['root']);
    expect(sysusers).toContain('/usr/sbin/nologin');
    expect(service.Restart).toEqual(['always']);
    expect(unit.Unit!.StartLimitIntervalSec).toEqual(['0']);
    expect(unit.Unit!.Conflicts).toEqual(['getty@tty1.service']);
    expect(service.TTYPath).toEqual(['/dev/tty1']);
    expect(service.PAMName).toEqual(['seggio-booth']);
    expect(readdirSync(join(kiosk, 'pam.d'))).toEqual(['seggio-booth']);
    expect(read('pam.d/seggio-booth')).toMatch(/^session\s+required\s+pam_systemd\.so$/m);
  });

  describe.skipIf(!analyze)('systemd-analyze verify (systemd is installed)', () => {
    /** A root with this machine's system units, the kiosk's unit, and stand-ins for cage and the booth. */
    function systemRoot(name: string, withCage: boolean): string {
      const system = join(work, name);
      cpSync('/usr/lib/systemd/system', join(system, 'usr', 'lib', 'systemd', 'system'), { recursive: true });
      mkdirSync(join(system, 'etc', 'systemd', 'system'), { recursive: true });
      copyFileSync(join(kiosk, 'seggio-booth.service'), join(system, 'etc', 'systemd', 'system', 'seggio-booth.service'));
      for (const executable of withCage ? ['/usr/bin/cage', booth.installedPath] : [booth.installedPath]) {
        mkdirSync(join(system, dirname(executable)), { recursive: true });
        writeFileSync(join(system, executable), '#!/bin/sh\n');
        chmodSync(join(system, executable), 0o755);
      }
      return system;
    }
    const verify = (system: string) =>
      spawnSync('systemd-analyze', ['verify', `--root=${system}`, '/etc/systemd/system/seggio-booth.service'], { encoding: 'utf8' });

    it('finds nothing to say of the unit', () => {
      const run = verify(systemRoot('good', true));
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    });

    it('does check what it starts: without cage installed it fails', () => {
      const run = verify(systemRoot('no-cage', false));
      expect(run.stderr).toContain('Command /usr/bin/cage is not executable');
      expect(run.status).not.toBe(0);
    });

    it('creates the kiosk user with systemd-sysusers', () => {
      const run = spawnSync('systemd-sysusers', [`--root=${join(work, 'users')}`, '--dry-run', join(kiosk, 'sysusers.d', 'seggio-booth.conf')], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      expect(`${run.stdout}${run.stderr}`).toContain("Creating user 'seggio-booth' (Seggio booth kiosk)");
    });
  });
});

describe('the rest of the kiosk', () => {
  it('starts no login prompt on any other virtual terminal, ignores Ctrl-Alt-Del and the SysRq keys', () => {
    expect(parseUnit(read('logind.conf.d/seggio-kiosk.conf')).Login).toEqual({ NAutoVTs: ['0'], ReserveVT: ['0'] });
    expect(parseUnit(read('system.conf.d/seggio-kiosk.conf')).Manager).toEqual({ CtrlAltDelBurstAction: ['none'] });
    expect(read('sysctl.d/90-seggio-kiosk.conf')).toMatch(/^kernel\.sysrq = 0$/m);
  });

  /** Each rule line as its `KEY{attr}op"value"` pairs; a line that is not one throws. */
  function rules(file: string): string[][] {
    const pair = /^([A-Z_]+(?:\{[\w]+\})?)(==|!=|\+=|=)"([^"]*)"$/;
    return read(file)
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'))
      .map((line, index) =>
        line.split(', ').map((part) => {
          if (!pair.test(part)) throw new Error(`${file}: rule ${index + 1}: "${part}" is not KEY op "value"`);
          return part;
        }),
      );
  }

  it('mounts removable drives only noexec, nosuid and nodev, hidden from udisks', () => {
    const parsed = rules('udev/90-seggio-removable.rules');
    const mount = parsed.flat().find((part) => part.startsWith('RUN{program}'))!;
    expect(mount).toContain('/usr/bin/systemd-mount --no-block');
    expect(/--options=([\w,]+)/.exec(mount)![1]!.split(',')).toEqual(expect.arrayContaining(['noexec', 'nosuid', 'nodev']));
    expect(parsed.flat()).toContain('ENV{UDISKS_IGNORE}="1"');
    expect(parsed.flat()).toEqual(expect.arrayContaining(['SUBSYSTEMS=="usb"', 'SUBSYSTEMS=="mmc"']));
  });

  it("gives the kiosk's session the booth keypads of hardware/profiles, by hidraw and by libusb", () => {
    const keypads = readdirSync(join(root, 'hardware', 'profiles'))
      .map((file) => JSON.parse(readFileSync(join(root, 'hardware', 'profiles', file), 'utf8')) as { kind: string; match: { vendorId: string; productId: string } })
      .filter((profile) => profile.kind === 'booth-keypad');
    expect(keypads.length).toBeGreaterThan(0);
    const parsed = rules('udev/70-seggio-keypad.rules').map((rule) => rule.join(', '));
    for (const { match } of keypads) {
      const [vendor, product] = [match.vendorId, match.productId].map((id) => id.replace(/^0x/, '').padStart(4, '0'));
      expect(parsed).toContain(`SUBSYSTEM=="hidraw", ATTRS{idVendor}=="${vendor}", ATTRS{idProduct}=="${product}", TAG+="uaccess"`);
      expect(parsed).toContain(`SUBSYSTEM=="usb", ATTR{idVendor}=="${vendor}", ATTR{idProduct}=="${product}", TAG+="uaccess"`);
    }
  });

  it('names the settings the booth reads', () => {
    const settings = read('booth.env')
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => line.split('=')[0]);
    expect(settings).toEqual(['SEGGIO_CONSOLE_URL', 'SEGGIO_OFFICE_KEY']);
    // The booth's main.ts, and the shell's main process it starts on (which reads SEGGIO_USER_DATA).
    const main = ['apps/booth/src/main/main.ts', 'packages/shell/src/main/app.ts'].map((file) => readFileSync(join(root, file), 'utf8')).join('\n');
    for (const name of [...settings, 'SEGGIO_BOOTH_STORE', 'SEGGIO_USER_DATA', 'SEGGIO_MACHINE_KEY']) expect(main).toContain(`process.env.${name}`);
    expect(unit.Service!.EnvironmentFile).toEqual(['/etc/seggio/booth.env']);
  });
});
