// seggio-hw: what is attached and which profile it answers to, and a monitor of the device thread.
// On a machine without HID devices (this one) it says so plainly and exits 0.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { nodeHidBackend } from '../src/index.js';

async function run(...argv: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await main(argv, (line) => lines.push(...line.split('\n')));
  return { code, lines };
}

const attached = nodeHidBackend().devices().length;

describe('seggio-hw', () => {
  it('list: the profiles, the devices attached (none here, said plainly), and which profile is not attached', async () => {
    const { code, lines } = await run('list');
    expect(code).toBe(0);
    expect(lines).toContain('profiles: 2');
    expect(lines).toContain('  seggio-keypad (booth-keypad): Seggio booth keypad (tactile, 10 keys), 0x1209:0x5e61 usage page 0x0001');
    if (attached === 0) expect(lines).toContain('HID devices: none attached (node-hid sees no HID device on this machine); the apps work without them');
    expect(lines).toEqual(expect.arrayContaining(['  seggio-keypad: not attached', '  seggio-buttons: not attached']));
    expect(lines.find((l) => l.startsWith('booth voice: '))).toMatch(/^booth voice: eSpeak NG text-to-speech: [\d.]+ \(it, de, en\)$/);
  });

  it('list: a bad profile is refused with its file, field and reason, the good ones still listed, exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seggio-hw-'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ format: 'seggio/hid-profile@1', id: 'bad', name: 'Bad', kind: 'booth-keypad', match: { vendorId: 1, productId: 2 }, report: { length: 1 }, buttons: [{ button: 'up', byte: 0, mask: 1 }] }));
    const { code, lines } = await run('list', '--profiles', dir);
    expect(code).toBe(1);
    expect(lines).toEqual(expect.arrayContaining([`profile refused: ${join(dir, 'bad.json')}: buttons: a booth-keypad needs "down"`, 'profiles: 0']));
  });

  it('monitor: runs the device thread and reports each device once, then stops', async () => {
    const { code, lines } = await run('monitor', '--for', '0.5');
    expect(code).toBe(0);
    expect(lines).toContain('monitoring for 0.5 s');
    if (attached === 0) {
      expect(lines.filter((l) => / {2}seggio-keypad: absent: no HID devices are attached \(node-hid sees none\)$/.test(l))).toHaveLength(1);
      expect(lines.filter((l) => / {2}seggio-buttons: absent: no HID devices are attached \(node-hid sees none\)$/.test(l))).toHaveLength(1);
    }
  });

  it('refuses an unknown command or option with the usage, exit 2', async () => {
    expect((await run('flash')).code).toBe(2);
    expect((await run()).lines[0]).toBe('no command given');
    expect((await run('monitor', '--for', 'soon')).lines[0]).toBe('--for soon: give a number of seconds above 0');
    expect((await run('list', '--colour')).code).toBe(2);
  });
});
