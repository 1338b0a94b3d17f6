// The problems of enrolling a machine (enrolment.ts), as codes with their parameters: the CLI words them
// in English, the office's interface in Italian.

export const ENROL_CODES = {
  'request-unreadable': ['file', 'reason'],
  'request-signature': ['file', 'reason'],
  'key-enrolled': ['file', 'machine', 'enrolledAs'],
  'machine-enrolled': ['file', 'machine'],
  'register-entry': ['file', 'reason'],
  'register-too-many': ['limit'],
} as const satisfies Record<string, readonly string[]>;

export type EnrolProblem = {
  [C in keyof typeof ENROL_CODES]: { readonly code: C; readonly params: { readonly [P in (typeof ENROL_CODES)[C][number]]: string } };
}[keyof typeof ENROL_CODES];
