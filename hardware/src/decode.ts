// From an input report to button presses: a button is pressed when its bit goes from 0 to 1, so
// holding it down is one press, and a report that repeats the same state says nothing new.
import type { ButtonName, Profile } from './profile.js';

export type Decoded = { ok: true; pressed: ButtonName[]; state: Uint8Array } | { ok: false; reason: string };

export function decodeReport(profile: Profile, report: Uint8Array, previous: Uint8Array | null): Decoded {
  const { length, reportId } = profile.report;
  if (report.length < length) return { ok: false, reason: `a report of ${report.length} bytes, ${length} expected` };
  if (reportId !== undefined && report[0] !== reportId) return { ok: false, reason: `report id ${report[0]}, ${reportId} expected` };
  const state = report.slice(0, length);
  const pressed = profile.buttons.filter((b) => (state[b.byte]! & b.mask) !== 0 && ((previous?.[b.byte] ?? 0) & b.mask) === 0).map((b) => b.button);
  return { ok: true, pressed, state };
}

/** The report a device sends while exactly these buttons are held (for fake devices). */
export function encodeReport(profile: Profile, held: readonly ButtonName[]): Uint8Array {
  const report = new Uint8Array(profile.report.length);
  if (profile.report.reportId !== undefined) report[0] = profile.report.reportId;
  for (const b of profile.buttons) if (held.includes(b.button)) report[b.byte]! |= b.mask;
  return report;
}
