// Small pieces every console screen uses: the context (view, election, language) and how refusals
// and fingerprints are shown.
import { createContext, useContext, type ReactNode } from 'react';
import { officeAnswerText, type Election, type OfficeAnswerProblem } from '@seggio/ballot-core';
import type { ConsoleView } from '../shared/api.js';
import type { ConnectionState } from '@seggio/shell/browser';
import { writtenTime } from '@seggio/shell/dates';
import type { Refusal } from '../shared/refusals.js';
import { knownKey, type Translate } from './i18n.js';

export interface Console {
  readonly view: ConsoleView;
  readonly election: Election | null;
  readonly t: Translate;
  readonly language: string;
}

export const ConsoleContext = createContext<Console | null>(null);

export function useConsole(): Console {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('useConsole outside the console');
  return value;
}

/** What a screen shows as a problem: a refusal of the service, or a sentence the page has already said in the president's language. */
export type Said = Refusal | string;

/** The figures said in words too, not as codes: a booth state, a category, a sex, a phase, why a ballot cannot be read. */
const WORDED = [['state', 'booth.state.'], ['category', 'cat.'], ['sex', 'sex.'], ['phase', 'phase.'], ['problem', 'ballot.problem.']] as const;

/** A refusal in the president's language, from its code and figures; a page's own sentence as it is. */
export function explain(t: Translate, item: Said): string {
  if (typeof item === 'string') return item;
  const params: Record<string, string | number> = { ...item.params };
  for (const [name, prefix] of WORDED) {
    const value = params[name];
    const known = value === undefined ? null : knownKey(`${prefix}${value}`);
    if (known) params[name] = t(known);
  }
  return t(`refusal.${item.code}`, params);
}

/**
 * A reason or a note the office gave on the export, in the president's language; one with a code this
 * console has no words for (an office of another version) as the office sent it, code and figures.
 */
export function officeReason(t: Translate, p: OfficeAnswerProblem): string {
  return officeAnswerText(t, p) ?? t('office.reason-as-sent', { code: p.code, figures: Object.entries(p.params).map(([k, v]) => `${k}: ${v}`).join(', ') });
}

/** What the service refused, with its reasons, announced to screen readers. */
export function Problems({ title, items }: { title: string; items: readonly Said[] | null }) {
  const { t } = useConsole();
  if (!items || items.length === 0) return null;
  return (
    <div className="problems" role="alert">
      <p className="problems-title">{title}</p>
      <ul>
        {items.map((item, i) => (
          <li key={i}>{explain(t, item)}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Whether the page has its service: said at the top of every screen while it is lost, and once it is
 * back, so that the president never acts on a page that no longer answers.
 */
export function ServiceStatus({ link, wasLost, t }: { link: ConnectionState; wasLost: boolean; t: Translate }) {
  if (link === 'lost')
    return (
      <p className="service service-lost" role="alert" data-service="lost">
        {t('service.lost')}
      </p>
    );
  if (link === 'connected' && wasLost)
    return (
      <p className="service service-back" role="status" data-service="back">
        {t('service.back')}
      </p>
    );
  return null;
}

export function Done({ children }: { children: ReactNode }) {
  return (
    <p className="done" role="status">
      {children}
    </p>
  );
}

export function Fingerprint({ label, value }: { label: string; value: string }) {
  return (
    <div className="fingerprint">
      <span>{label}</span> <code>{value}</code>
    </div>
  );
}

/** A time as the president reads it, in words and in the election's time zone: "domenica 20 settembre 2020 alle ore 12:00". */
export function timeOf(at: string, language: string, timeZone: string): string {
  return writtenTime(at, language, timeZone, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function contestTitle(election: Election | null, id: string): string {
  return election?.contests.find((c) => c.id === id)?.title ?? id;
}
