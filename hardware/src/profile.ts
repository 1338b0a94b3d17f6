// Device profiles (hardware/profiles/*.json): which device is which (vendor id, product id, usage
// page), and which bit of which report byte is which button. Data, not code: a new keypad is a new file.
import { z } from 'zod';
import { BUTTONS, type ButtonName, type DeviceKind } from './types.js';

export { BUTTONS, type ButtonName, type DeviceKind };

/** Without these, the device cannot do its job: the voter cannot move, choose and go back. */
const REQUIRED: Record<DeviceKind, readonly string[]> = {
  'booth-keypad': ['up', 'down', 'select', 'back'],
  'console-buttons': ['enable-1', 'cancel'],
};

const id16 = z
  .union([z.number().int(), z.string().regex(/^0x[0-9a-fA-F]{1,4}$/, { error: 'must be a number or a hex string such as "0x1209"' })])
  .transform((v) => (typeof v === 'string' ? Number.parseInt(v, 16) : v))
  .pipe(z.number().int().min(0, { error: 'must be 0 to 0xFFFF' }).max(0xffff, { error: 'must be 0 to 0xFFFF' }));

const ProfileSchema = z.strictObject({
  format: z.literal('seggio/hid-profile@1', { error: 'must be "seggio/hid-profile@1"' }),
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, { error: 'must be lowercase letters, digits, ".", "_" or "-", at most 64' }),
  name: z.string().min(1).max(120),
  kind: z.enum(Object.keys(BUTTONS) as [DeviceKind, ...DeviceKind[]], { error: `must be one of ${Object.keys(BUTTONS).join(', ')}` }),
  match: z.strictObject({ vendorId: id16, productId: id16, usagePage: id16.optional() }),
  report: z.strictObject({
    /** Bytes per input report, the report id included when there is one. */
    length: z.number().int().min(1).max(64),
    /** The report id the first byte carries, when the device numbers its reports. */
    reportId: z.number().int().min(1).max(255).optional(),
  }),
  buttons: z
    .array(z.strictObject({ button: z.string(), byte: z.number().int().min(0), mask: z.number().int().min(1).max(255) }))
    .min(1)
    .max(32),
});

export type Profile = Omit<z.output<typeof ProfileSchema>, 'buttons'> & { readonly buttons: readonly { readonly button: ButtonName; readonly byte: number; readonly mask: number }[] };

/** Reads a profile, or says what is wrong with it: the file, the field and why. */
export function parseProfile(file: string, text: string): { ok: true; value: Profile } | { ok: false; error: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: [`${file}: is not JSON (${(error as Error).message})`] };
  }
  const parsed = ProfileSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: parsed.error.issues.map((i) => `${file}: ${i.path.length ? i.path.join('.') : '(top)'}: ${i.message}`) };
  const p = parsed.data;
  const problems: string[] = [];
  const allowed: readonly string[] = BUTTONS[p.kind];
  const seen = new Set<string>();
  const bits = new Set<string>();
  const firstDataByte = p.report.reportId === undefined ? 0 : 1;
  p.buttons.forEach((b, i) => {
    const at = `${file}: buttons.${i}`;
    if (!allowed.includes(b.button)) problems.push(`${at}.button: "${b.button}" is not a button of a ${p.kind} (${allowed.join(', ')})`);
    if (seen.has(b.button)) problems.push(`${at}.button: "${b.button}" is given twice`);
    seen.add(b.button);
    if (b.byte >= p.report.length) problems.push(`${at}.byte: ${b.byte} is outside a report of ${p.report.length} bytes`);
    else if (b.byte < firstDataByte) problems.push(`${at}.byte: byte 0 holds the report id`);
    if ((b.mask & (b.mask - 1)) !== 0) problems.push(`${at}.mask: ${b.mask} must be one bit (1, 2, 4 … 128)`);
    const bit = `${b.byte}/${b.mask}`;
    if (bits.has(bit)) problems.push(`${at}: byte ${b.byte} bit ${b.mask} is already another button`);
    bits.add(bit);
  });
  for (const needed of REQUIRED[p.kind]) if (!seen.has(needed)) problems.push(`${file}: buttons: a ${p.kind} needs "${needed}"`);
  return problems.length ? { ok: false, error: problems } : { ok: true, value: p as unknown as Profile };
}

/** Whether a device the system lists is the one a profile describes. */
export function matches(profile: Profile, device: { vendorId: number; productId: number; usagePage?: number | undefined }): boolean {
  return device.vendorId === profile.match.vendorId && device.productId === profile.match.productId && (profile.match.usagePage === undefined || device.usagePage === profile.match.usagePage);
}
