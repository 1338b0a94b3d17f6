// Profiles are data: the two that come with Seggio load, and a bad one is refused with its file,
// field and reason. Reports decode to presses on the rising edge only.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeReport, encodeReport, loadProfiles, matches, parseProfile, type Profile } from '../src/index.js';

const { profiles, problems } = loadProfiles();
const keypad = profiles.find((p) => p.kind === 'booth-keypad')!;
const buttons = profiles.find((p) => p.kind === 'console-buttons')!;
const base = JSON.parse(readFileSync(new URL('../profiles/seggio-keypad.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const refuse = (change: (p: Json) => unknown) => {
  const copy = structuredClone(base);
  change(copy);
  const parsed = parseProfile('pad.json', JSON.stringify(copy));
  return parsed.ok ? [] : parsed.error;
};
type Json = Record<string, unknown>;
const button = (p: Json, i: number) => (p.buttons as Json[])[i]!;

describe('profiles', () => {
  it('the keypad and the button box that come with Seggio load, with every button of their kind', () => {
    expect(problems).toEqual([]);
    expect(keypad.buttons.map((b) => b.button).sort()).toEqual(['back', 'down', 'help', 'left', 'repeat', 'right', 'select', 'up', 'volume-down', 'volume-up']);
    expect(buttons.buttons.map((b) => b.button).sort()).toEqual(['cancel', 'enable-1', 'enable-2', 'enable-3', 'enable-4']);
    expect(keypad.match).toEqual({ vendorId: 0x1209, productId: 0x5e61, usagePage: 1 });
  });

  it.each([
    ['another format', (p: Json) => (p.format = 'x'), /pad\.json: format: must be "seggio\/hid-profile@1"/],
    ['a kind Seggio has not', (p: Json) => (p.kind = 'joystick'), /pad\.json: kind: must be one of booth-keypad, console-buttons/],
    ['a vendor id over 16 bits', (p: Json) => ((p.match as Json).vendorId = 0x12345), /pad\.json: match\.vendorId: must be 0 to 0xFFFF/],
    ['a product id that is not hex', (p: Json) => ((p.match as Json).productId = '12ab'), /pad\.json: match\.productId: must be a number or a hex string/],
    ['an unknown field', (p: Json) => (p.colour = 'red'), /pad\.json: \(top\): Unrecognized key: "colour"/],
    ['a button the kind has not', (p: Json) => (button(p, 0).button = 'eject'), /pad\.json: buttons\.0\.button: "eject" is not a button of a booth-keypad/],
    ['a button twice', (p: Json) => (button(p, 1).button = 'up'), /pad\.json: buttons\.1\.button: "up" is given twice/],
    ['a byte outside the report', (p: Json) => (button(p, 2).byte = 3), /pad\.json: buttons\.2\.byte: 3 is outside a report of 3 bytes/],
    ['the report id byte', (p: Json) => (button(p, 2).byte = 0), /pad\.json: buttons\.2\.byte: byte 0 holds the report id/],
    ['a mask of two bits', (p: Json) => (button(p, 3).mask = 3), /pad\.json: buttons\.3\.mask: 3 must be one bit/],
    ['two buttons on one bit', (p: Json) => Object.assign(button(p, 4), { byte: 1, mask: 1 }), /pad\.json: buttons\.4: byte 1 bit 1 is already another button/],
    ['no select key', (p: Json) => (p.buttons = (p.buttons as Json[]).filter((b) => b.button !== 'select')), /pad\.json: buttons: a booth-keypad needs "select"/],
  ])('refuses %s, saying where and why', (_name, change, expected) => {
    expect(refuse(change)).toContainEqual(expect.stringMatching(expected));
  });

  it('refuses a file that is not JSON', () => {
    expect(parseProfile('pad.json', '{')).toMatchObject({ ok: false, error: [expect.stringMatching(/^pad\.json: is not JSON/)] });
  });

  it('loads the good profiles of a folder and names the bad one and the duplicated id', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seggio-profiles-'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify(base));
    writeFileSync(join(dir, 'b.json'), JSON.stringify(base));
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ ...base, report: { length: 0 } }));
    const loaded = loadProfiles(dir);
    expect(loaded.profiles.map((p) => p.id)).toEqual(['seggio-keypad']);
    expect(loaded.problems).toEqual([
      `${join(dir, 'b.json')}: id: "seggio-keypad" is already the id of another profile`,
      expect.stringMatching(new RegExp(`^${join(dir, 'c.json')}: report\\.length: `)),
    ]);
  });

  it('matches a device by vendor id, product id and, when given, usage page', () => {
    expect(matches(keypad, { vendorId: 0x1209, productId: 0x5e61, usagePage: 1 })).toBe(true);
    expect(matches(keypad, { vendorId: 0x1209, productId: 0x5e61, usagePage: 0x0c })).toBe(false);
    expect(matches(keypad, { vendorId: 0x1209, productId: 0x5e62, usagePage: 1 })).toBe(false);
    expect(matches(buttons, { vendorId: 0x1209, productId: 0x5e62 })).toBe(true);
  });
});

describe('reports', () => {
  const decode = (profile: Profile, bytes: number[], previous: number[] | null = null) => decodeReport(profile, Uint8Array.from(bytes), previous && Uint8Array.from(previous));

  it('are presses when a bit rises, nothing while it is held, and again after release', () => {
    expect(decode(keypad, [1, 0b00010000, 0])).toMatchObject({ ok: true, pressed: ['select'] });
    expect(decode(keypad, [1, 0b00010000, 0], [1, 0b00010000, 0])).toMatchObject({ ok: true, pressed: [] });
    expect(decode(keypad, [1, 0b00010001, 0b10], [1, 0b00010000, 0])).toMatchObject({ ok: true, pressed: ['up', 'volume-down'] });
    expect(decode(buttons, [0b100, 1])).toMatchObject({ ok: true, pressed: ['enable-3', 'cancel'] });
  });

  it('refuse a short report or another report id, with the reason', () => {
    expect(decode(keypad, [1, 1])).toEqual({ ok: false, reason: 'a report of 2 bytes, 3 expected' });
    expect(decode(keypad, [2, 1, 0])).toEqual({ ok: false, reason: 'report id 2, 1 expected' });
  });

  it('encode what a fake device sends, and decode back to the same buttons', () => {
    for (const profile of [keypad, buttons]) {
      for (const b of profile.buttons) expect(decodeReport(profile, encodeReport(profile, [b.button]), null)).toMatchObject({ ok: true, pressed: [b.button] });
    }
  });
});
