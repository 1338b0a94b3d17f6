// What the apps need to know of the devices, without Node: the buttons of each kind of device, a
// press, and how a device stands. (Browser code may import these types.)

/** What each kind of device offers, in the words the apps use. */
export const BUTTONS = {
  /** The booth's accessible keypad (docs/threat-model.md R27): a blind voter completes the flow with it and headphones. */
  'booth-keypad': ['up', 'down', 'left', 'right', 'select', 'back', 'help', 'volume-up', 'volume-down', 'repeat'],
  /** The president's button box, in the spirit of the Nedap control unit. */
  'console-buttons': ['enable-1', 'enable-2', 'enable-3', 'enable-4', 'cancel'],
} as const;
export type DeviceKind = keyof typeof BUTTONS;
export type ButtonName = (typeof BUTTONS)[DeviceKind][number];

export interface DeviceStatus {
  readonly profile: string;
  readonly name: string;
  readonly kind: DeviceKind;
  /** connected: open and read; absent: not plugged in; error: the system could not be asked, or refused. */
  readonly state: 'connected' | 'absent' | 'error';
  readonly path: string | null;
  readonly detail: string;
}

export interface ButtonEvent {
  readonly profile: string;
  readonly kind: DeviceKind;
  readonly button: ButtonName;
}
