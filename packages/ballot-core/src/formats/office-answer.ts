// What the Comune's electoral office answers a console that sends it its section's public export, when
// it refuses it or notes something on it: a code for each reason, with the names of its figures, and the words of each for the
// president in Italian, German and English. The office's vocabulary (apps/office, shared/codes.ts)
// takes these codes from here, so that the console has words for every reason the office can give
// it, with the same figures (a test). Figures the office words itself (a reason, a detail) come from
// its software, in English, and are shown as a technical detail.

/** Each code of the office's answer to a public export, and the names of its figures. */
export const EXPORT_ANSWER_CODES = {
  'body-too-large': ['limit'],
  'body-invalid': ['field', 'reason'],
  'no-election': [],
  'archive-unreadable': ['reason'],
  'archive-too-many-entries': ['limit'],
  'archive-entry-path': ['entry'],
  'archive-entry-type': ['entry', 'type'],
  'archive-entry-too-large': ['entry', 'limit'],
  'archive-entry-twice': ['entry'],
  'archive-audit-set': ['entry'],
  // The checks of `seggio verify`, each named by the verifier's check; `detail` is the verifier's own English.
  'bundle-check-failed': ['check', 'place', 'detail'],
  'other-election': ['digest'],
  'section-unknown': ['section'],
  'setup-not-turnout': ['section', 'setup', 'turnoutSetup'],
  // `accepted`: the number of the office's submission that was accepted for the section.
  'second-submission': ['section', 'accepted'],
  // Another copy of the very result accepted (the same signed tally): not counted again, and no conflict.
  'same-result': ['section', 'accepted'],
  // A note on an export accepted and counted.
  'no-turnout-reported': ['section'],
} as const satisfies Record<string, readonly string[]>;

export type ExportAnswerCode = keyof typeof EXPORT_ANSWER_CODES;

/** The checks of `seggio verify`, by the names the office gives in bundle-check-failed. */
export const VERIFY_CHECKS = ['files', 'election', 'setup', 'signatures', 'booths', 'ballots', 'reconciliation', 'recount', 'log', 'tally', 'provenance'] as const;

const it = {
  'office-answer.body-too-large': "L'esportazione supera il limite di {limit} byte accettato dall'ufficio.",
  'office-answer.body-invalid': "L'ufficio ha ritenuto non valida la richiesta ({field}). Dettaglio tecnico (in inglese): {reason}",
  'office-answer.no-election': "L'ufficio non ha ancora un'elezione: il suo personale non ha firmato il pacchetto elettorale della giornata. La console ripete l'invio da sé.",
  'office-answer.archive-unreadable': "L'ufficio non riesce a leggere l'archivio ricevuto. Dettaglio tecnico (in inglese): {reason}",
  'office-answer.archive-too-many-entries': "L'archivio contiene più di {limit} voci.",
  'office-answer.archive-entry-path': "La voce «{entry}» indica un percorso fuori dall'esportazione (assoluto o con ..).",
  'office-answer.archive-entry-type': 'La voce «{entry}» è di tipo {type}, non un file: i collegamenti non sono ammessi.',
  'office-answer.archive-entry-too-large': 'La voce «{entry}» supera il limite di {limit} byte.',
  'office-answer.archive-entry-twice': "L'archivio contiene «{entry}» due volte.",
  'office-answer.archive-audit-set': "L'archivio contiene «{entry}», che appartiene all'insieme per la verifica completa: all'ufficio va soltanto l'esportazione pubblica.",
  'office-answer.bundle-check-failed': "La verifica dell'ufficio non è superata: {check}{place}. Dettaglio tecnico (in inglese): {detail}",
  'office-answer.other-election': "L'esportazione è di un'altra elezione (impronta {digest}).",
  'office-answer.section-unknown': "La sezione {section} non è nell'elezione dell'ufficio.",
  'office-answer.setup-not-turnout': 'Sezione {section}: la costituzione del seggio {setup} non è quella che ha comunicato l’affluenza durante la giornata ({turnoutSetup}).',
  'office-answer.second-submission': "La sezione {section} ha già un risultato accolto dall'ufficio (invio n. {accepted}): questo invio è conservato e segnalato, ma mai conteggiato.",
  'office-answer.same-result': "L'ufficio ha già questo stesso risultato della sezione {section}, accolto e conteggiato (invio n. {accepted}): questa copia non si conta una seconda volta.",
  'office-answer.no-turnout-reported': "La sezione {section} non ha comunicato l'affluenza all'ufficio durante la giornata: il risultato è conteggiato, e l'ufficio ne confronterà le impronte con il verbale cartaceo.",
  'office-answer.check.files': 'i file e le loro impronte',
  'office-answer.check.election': "il pacchetto elettorale firmato dall'ufficio",
  'office-answer.check.setup': 'la costituzione del seggio firmata dalla console',
  'office-answer.check.signatures': 'le firme della console su registro dei votanti, chiave dell’urna e verbale',
  'office-answer.check.booths': 'i rapporti di ciascuna cabina',
  'office-answer.check.ballots': 'le singole schede',
  'office-answer.check.reconciliation': 'il riscontro di schede, sessioni e votanti',
  'office-answer.check.recount': 'il riconteggio e i controlli del verbale',
  'office-answer.check.log': 'i registri degli eventi',
  'office-answer.check.tally': 'il verbale',
  'office-answer.check.provenance': "la registrazione presso l'ufficio di ogni chiave che firma (console e cabine)",
} as const;

export type OfficeAnswerKey = keyof typeof it;

export const OFFICE_ANSWER_WORDS: Readonly<Record<'it' | 'de' | 'en', Readonly<Record<OfficeAnswerKey, string>>>> = {
  it,
  de: {
    'office-answer.body-too-large': 'Der Export überschreitet die vom Amt angenommene Grenze von {limit} Byte.',
    'office-answer.body-invalid': 'Das Amt hat die Anfrage als ungültig abgelehnt ({field}). Technische Angabe (auf Englisch): {reason}',
    'office-answer.no-election': 'Das Amt hat noch keine Wahl: Sein Personal hat das Wahlpaket des Tages noch nicht signiert. Die Konsole sendet den Export von selbst erneut.',
    'office-answer.archive-unreadable': 'Das Amt kann das erhaltene Archiv nicht lesen. Technische Angabe (auf Englisch): {reason}',
    'office-answer.archive-too-many-entries': 'Das Archiv enthält mehr als {limit} Einträge.',
    'office-answer.archive-entry-path': 'Der Eintrag „{entry}“ verweist auf einen Pfad außerhalb des Exports (absolut oder mit ..).',
    'office-answer.archive-entry-type': 'Der Eintrag „{entry}“ ist vom Typ {type}, keine Datei: Verknüpfungen sind nicht zulässig.',
    'office-answer.archive-entry-too-large': 'Der Eintrag „{entry}“ überschreitet die Grenze von {limit} Byte.',
    'office-answer.archive-entry-twice': 'Das Archiv enthält „{entry}“ zweimal.',
    'office-answer.archive-audit-set': 'Das Archiv enthält „{entry}“, das zur Unterlage für die vollständige Prüfung gehört: An das Amt geht nur der öffentliche Export.',
    'office-answer.bundle-check-failed': 'Die Prüfung durch das Amt ist fehlgeschlagen: {check}{place}. Technische Angabe (auf Englisch): {detail}',
    'office-answer.other-election': 'Der Export gehört zu einer anderen Wahl (Fingerabdruck {digest}).',
    'office-answer.section-unknown': 'Der Sprengel {section} ist nicht in der Wahl des Amtes.',
    'office-answer.setup-not-turnout': 'Sprengel {section}: Die Einrichtung der Sprengelwahlbehörde {setup} ist nicht die, die im Laufe des Tages die Wahlbeteiligung gemeldet hat ({turnoutSetup}).',
    'office-answer.second-submission': 'Der Sprengel {section} hat bereits ein vom Amt angenommenes Ergebnis (Sendung Nr. {accepted}): Diese Sendung wird aufbewahrt und gemeldet, aber nie gezählt.',
    'office-answer.same-result': 'Das Amt hat dieses selbe Ergebnis des Sprengels {section} bereits angenommen und gezählt (Sendung Nr. {accepted}): Diese Kopie wird kein zweites Mal gezählt.',
    'office-answer.no-turnout-reported': 'Der Sprengel {section} hat dem Amt im Laufe des Tages keine Wahlbeteiligung gemeldet: Das Ergebnis wird gezählt, und das Amt vergleicht seine Fingerabdrücke mit der Papierniederschrift.',
    'office-answer.check.files': 'die Dateien und ihre Fingerabdrücke',
    'office-answer.check.election': 'das vom Amt signierte Wahlpaket',
    'office-answer.check.setup': 'die von der Konsole signierte Einrichtung der Sprengelwahlbehörde',
    'office-answer.check.signatures': 'die Signaturen der Konsole auf dem Register der Wähler, dem Urnenschlüssel und der Niederschrift',
    'office-answer.check.booths': 'die Berichte jeder Wahlkabine',
    'office-answer.check.ballots': 'die einzelnen Stimmzettel',
    'office-answer.check.reconciliation': 'der Abgleich von Stimmzetteln, Stimmabgaben und Wählern',
    'office-answer.check.recount': 'die Nachzählung und die Prüfungen der Niederschrift',
    'office-answer.check.log': 'die Ereignisprotokolle',
    'office-answer.check.tally': 'die Niederschrift',
    'office-answer.check.provenance': 'die Registrierung jedes signierenden Schlüssels beim Amt (Konsole und Wahlkabinen)',
  },
  en: {
    'office-answer.body-too-large': 'The export is larger than the {limit} bytes the office accepts.',
    'office-answer.body-invalid': 'The office found the request not valid ({field}). Technical detail: {reason}',
    'office-answer.no-election': 'The office has no election yet: its staff have not signed the election package of the day. The console sends it again by itself.',
    'office-answer.archive-unreadable': 'The office cannot read the archive it received. Technical detail: {reason}',
    'office-answer.archive-too-many-entries': 'The archive has more than {limit} entries.',
    'office-answer.archive-entry-path': 'The entry “{entry}” names a path outside the export (absolute, or with ..).',
    'office-answer.archive-entry-type': 'The entry “{entry}” is of type {type}, not a file: links are not allowed.',
    'office-answer.archive-entry-too-large': 'The entry “{entry}” is larger than the {limit} bytes allowed.',
    'office-answer.archive-entry-twice': 'The archive holds “{entry}” twice.',
    'office-answer.archive-audit-set': 'The archive holds “{entry}”, which belongs to the set for the full audit: the office takes only the public export.',
    'office-answer.bundle-check-failed': "The office's verification failed: {check}{place}. Technical detail: {detail}",
    'office-answer.other-election': 'The export is of another election (digest {digest}).',
    'office-answer.section-unknown': "Section {section} is not in the office's election.",
    'office-answer.setup-not-turnout': 'Section {section}: the set-up {setup} is not the one that reported turnout during the day ({turnoutSetup}).',
    'office-answer.second-submission': 'Section {section} already has a result accepted by the office (submission {accepted}): this one is kept and flagged, never counted.',
    'office-answer.same-result': 'The office already has this same result of section {section}, accepted and counted (submission {accepted}): this copy is not counted a second time.',
    'office-answer.no-turnout-reported': 'Section {section} reported no turnout to the office during the day: the result is counted, and the office will compare its digests with the paper verbale.',
    'office-answer.check.files': 'the files and their digests',
    'office-answer.check.election': 'the election package signed by the office',
    'office-answer.check.setup': 'the set-up signed by the console',
    'office-answer.check.signatures': "the console's signatures on the poll book, the urna key and the tally",
    'office-answer.check.booths': "each booth's reports",
    'office-answer.check.ballots': 'the ballots one by one',
    'office-answer.check.reconciliation': 'the reconciliation of ballots, sessions and voters',
    'office-answer.check.recount': 'the recount and the record checks',
    'office-answer.check.log': 'the event logs',
    'office-answer.check.tally': 'the tally',
    'office-answer.check.provenance': "the office's enrolment of every key that signs (console and booths)",
  },
};

export interface OfficeAnswerProblem {
  readonly code: string;
  readonly params: Readonly<Record<string, string>>;
}

export type SayOfficeAnswer = (key: OfficeAnswerKey, params?: Record<string, string>) => string;

/**
 * A reason the office gave, in the words of `t` (the president's language): the verifier's check
 * named in words, its place in brackets. Null for a code these words do not have (an office of another
 * version), which the console then shows as the office sent it.
 */
export function officeAnswerText(t: SayOfficeAnswer, problem: OfficeAnswerProblem): string | null {
  if (!Object.hasOwn(EXPORT_ANSWER_CODES, problem.code)) return null;
  const code = problem.code as ExportAnswerCode;
  const params: Record<string, string> = {};
  for (const name of EXPORT_ANSWER_CODES[code]) params[name] = Object.hasOwn(problem.params, name) ? problem.params[name]! : '';
  if (code === 'bundle-check-failed') {
    const check = `office-answer.check.${params.check}`;
    if (Object.hasOwn(it, check)) params.check = t(check as OfficeAnswerKey);
    params.place = params.place ? ` (${params.place})` : '';
  }
  return t(`office-answer.${code}`, params);
}
