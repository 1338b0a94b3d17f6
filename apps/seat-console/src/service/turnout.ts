// Sessions and turnout: how many sessions were enabled, cast, cancelled or are open; who has voted so
// far, per contest and sex, from the sessions cast (never how); a checkpoint's figures for the Prefettura.
import { csvCell, type Election } from '@seggio/ballot-core';
import type { Figures } from '../shared/api.js';
import type { SessionRow } from './store.js';

/** A session enabled and not yet cast or cancelled: a voter at the booth, or on the way to it. */
export const isOpen = (s: SessionRow): boolean => s.state === 'enabled' || s.state === 'started';

/** How many sessions were enabled, cast, cancelled and are still open. */
export function sessionCounts(sessions: readonly SessionRow[]): { enabled: number; cast: number; cancelled: number; open: number } {
  return {
    enabled: sessions.length,
    cast: sessions.filter((s) => s.state === 'cast').length,
    cancelled: sessions.filter((s) => s.state === 'cancelled').length,
    open: sessions.filter(isOpen).length,
  };
}

export function votersByContest(election: Election, sessions: readonly SessionRow[]): Record<string, Figures> {
  const cast = sessions.filter((s) => s.state === 'cast');
  return Object.fromEntries(
    election.scrutinyOrder.map((id) => {
      const who = cast.filter((s) => s.contests.includes(id));
      const M = who.filter((s) => s.sex === 'M').length;
      return [id, { M, F: who.length - M, T: who.length }];
    }),
  );
}

export function turnoutCsv(election: Election, section: string, checkpoint: string, figures: Readonly<Record<string, Figures>>): string {
  const at = election.turnoutCheckpoints.find((c) => c.id === checkpoint)!.at;
  const rows = [['cod_consultazione', 'cod_com', 'sezione', 'checkpoint', 'dt_com', 'vot_m', 'vot_f', 'vot_t'].join(';')];
  for (const [contest, f] of Object.entries(figures)) rows.push([contest, election.comune.istat, section, checkpoint, at, f.M, f.F, f.T].map(csvCell).join(';'));
  return `${rows.join('\r\n')}\r\n`;
}
