// The selections a booth casts (docs/bundle-format.md), one shape per kind of contest.
import { z } from 'zod';
import { id } from './election/schema.js';
import type { Contest } from './election/schema.js';

export const BlankSelection = z.strictObject({ blank: z.literal(true) });
export const ReferendumSelection = z.strictObject({ answer: z.enum(['YES', 'NO']) });
export const MunicipalSelection = z.strictObject({
  mayor: id.nullable(),
  list: id.nullable(),
  preferences: z.array(id).max(3),
});
export const PartyListSelection = z.strictObject({
  list: id.nullable(),
  candidate: id.nullable(),
  preferences: z.array(id).max(3),
});

export type BlankSelection = z.infer<typeof BlankSelection>;
export type ReferendumSelection = z.infer<typeof ReferendumSelection>;
export type MunicipalSelection = z.infer<typeof MunicipalSelection>;
export type PartyListSelection = z.infer<typeof PartyListSelection>;
export type Selection = BlankSelection | ReferendumSelection | MunicipalSelection | PartyListSelection;

const SCHEMAS = {
  referendum: z.union([BlankSelection, ReferendumSelection]),
  municipal: z.union([BlankSelection, MunicipalSelection]),
  partyList: z.union([BlankSelection, PartyListSelection]),
};

/** The selection shapes a contest of this type accepts, blank included (built once: this is on the count's hot path). */
export function selectionSchema(contest: Contest) {
  switch (contest.type) {
    case 'referendum':
      return SCHEMAS.referendum;
    case 'municipal':
      return SCHEMAS.municipal;
    case 'european':
    case 'camera':
    case 'senato':
      return SCHEMAS.partyList;
  }
}

export const isBlank = (selection: Selection): selection is BlankSelection => 'blank' in selection;
