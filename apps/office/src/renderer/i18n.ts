// Every text the office staff read, Italian first, German (i18n-de.ts) and English (one catalogue), the
// office's refusal and flag codes among them: the service gives codes and figures, this file gives the words.
import type { Code, Problem } from '../shared/codes.js';
import { de } from './i18n-de.js';

export type Language = 'it' | 'de' | 'en';

/** The staff's languages, each named in itself, in the order the chooser shows them. */
export const LANGUAGES: readonly { readonly code: Language; readonly name: string }[] = [
  { code: 'it', name: 'Italiano' },
  { code: 'de', name: 'Deutsch' },
  { code: 'en', name: 'English' },
];

/** Each language's dates as they are written in Italy (English's too: the day before the month). */
const LOCALES: Record<Language, string> = { it: 'it-IT', de: 'de-IT', en: 'en-GB' };

/** A time the office recorded (ISO, in UTC) as the staff read it: in the election's zone, which it names. */
export function timeIn(at: string, language: Language, timeZone: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  return new Intl.DateTimeFormat(LOCALES[language], { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }).format(date);
}

const it = {
  title: 'Ufficio elettorale del Comune di {comune}',
  language: 'Lingua',
  upload: 'Caricare l’esportazione pubblica di una sezione (file .tar)',
  uploadButton: 'Caricare',
  uploading: 'Caricamento in corso…',
  publicPage: 'Pagina pubblica dei risultati',
  sections: 'Sezioni',
  section: 'Sezione',
  name: 'Nome',
  state: 'Stato',
  turnout: 'Affluenza comunicata',
  notReceived: 'non pervenuta',
  sectionAccepted: 'accettata',
  conflicts: 'invii in conflitto: {n}',
  submissions: 'Invii ricevuti',
  received: 'Ricevuto',
  channel: 'Canale',
  origin: 'Provenienza',
  reasons: 'Motivi e segnalazioni',
  none: 'nessuno',
  noTurnout: 'nessuna rilevazione',
  sectionsIn: 'Sezioni accettate: {n} su {of}',
  turnoutFlags: 'Affluenza da un’altra configurazione (conservata, non sommata)',
  folder: 'Cartella di importazione: file non letti',
  'channel.push': 'invio dalla console',
  'channel.upload': 'caricamento',
  'channel.folder': 'cartella di importazione',
  'state.received': 'ricevuto, in verifica',
  'state.accepted': 'accettato',
  'state.refused': 'rifiutato',
  'state.conflict': 'in conflitto: conservato, non conteggiato',
  'check.files': 'i file e le loro impronte',
  'check.election': 'il pacchetto elettorale firmato dall’ufficio',
  'check.setup': 'la configurazione firmata dalla console',
  'check.signatures': 'le firme della console su registro, chiave e scrutinio',
  'check.booths': 'i rapporti di ciascuna cabina',
  'check.ballots': 'le singole schede',
  'check.reconciliation': 'la riconciliazione di schede, sessioni e votanti',
  'check.recount': 'il riconteggio e i controlli del verbale',
  'check.log': 'i registri degli eventi',
  'check.tally': 'il documento di scrutinio',
  'check.provenance': "la registrazione presso l'ufficio elettorale di ogni chiave che firma (console e cabine)",
  'code.body-too-large': 'Il file supera il limite di {limit} byte.',
  'code.body-invalid': 'La richiesta non è valida: {field}: {reason}.',
  'code.not-authorised': 'La richiesta non porta il codice di questa sessione dell’ufficio.',
  'code.no-election': 'L’ufficio non ha ancora un’elezione: il personale non ha firmato il pacchetto elettorale della giornata, e fino ad allora non si riceve nulla.',
  'code.archive-unreadable': 'L’archivio non si può leggere come tar: {reason}.',
  'code.archive-too-many-entries': 'L’archivio contiene più di {limit} voci.',
  'code.archive-entry-path': 'La voce «{entry}» indica un percorso fuori dall’esportazione (assoluto o con ..): rifiutata.',
  'code.archive-entry-type': 'La voce «{entry}» è di tipo {type}, non un file: i collegamenti sono rifiutati.',
  'code.archive-entry-too-large': 'La voce «{entry}» supera il limite di {limit} byte.',
  'code.archive-entry-twice': 'L’archivio contiene «{entry}» due volte.',
  'code.archive-audit-set': 'L’archivio contiene «{entry}»: è l’insieme per la verifica completa; all’ufficio va l’esportazione pubblica.',
  'code.bundle-check-failed': 'La verifica non è superata: {check}{place}. Dettaglio tecnico (in inglese): {detail}',
  'code.other-election': 'L’esportazione è di un’altra elezione (impronta {digest}).',
  'code.section-unknown': 'La sezione {section} non è nell’elezione.',
  'code.setup-not-turnout': 'Sezione {section}: la configurazione {setup} non è quella che ha comunicato l’affluenza durante la giornata ({turnoutSetup}).',
  'code.second-submission': 'La sezione {section} ha già un risultato accettato (invio {accepted}): questo è conservato e segnalato, mai conteggiato.',
  'code.same-result': 'Questo stesso risultato della sezione {section} è già accettato e conteggiato (invio {accepted}): la copia non si conta una seconda volta.',
  'code.turnout-document': 'Documento di affluenza non valido: {field}: {reason}.',
  'code.turnout-signature': 'Firma non valida su {file}: {reason}.',
  'code.turnout-setup-mismatch': 'Il campo {field} non corrisponde al documento di affluenza.',
  'code.turnout-checkpoint-unknown': 'La rilevazione {checkpoint} non è nell’elezione.',
  'code.turnout-contest-unknown': 'La consultazione {contest} non è nell’elezione.',
  'code.turnout-figures': 'Consultazione {contest}: i dati non sono numeri interi con M + F = T.',
  'code.turnout-replayed-different': 'La sezione {section} ha già comunicato la rilevazione {checkpoint} con altri dati.',
  'code.turnout-other-setup': 'Sezione {section}: affluenza da una configurazione ({setup}) diversa da quella che l’ha comunicata per prima ({turnoutSetup}).',
  'code.folder-entry-not-file': '«{file}» nella cartella di importazione non è un file semplice (un collegamento o una cartella): non è stato letto.',
  'code.folder-file-too-large': '«{file}» nella cartella di importazione supera il limite di {limit} byte: non è stato letto.',
  'code.no-turnout-reported': 'La sezione {section} non ha comunicato l’affluenza durante la giornata: il risultato, verificato, è conteggiato, ma la sua configurazione non si è potuta confrontare con quella della giornata. Confrontare le impronte con il verbale della sezione.',
  unmatched: 'configurazione non confrontata: nessuna affluenza dalla sezione',
  'code.comune-package-entry': 'Il pacchetto del comune contiene «{entry}»: sono ammessi solo comune-tally.json, la sua firma .sig e sections/ID.tar.',
  'code.comune-package-missing': 'Nel pacchetto del comune manca {file}.',
  'code.comune-unknown': 'Il comune {comune} non è nella configurazione della Prefettura.',
  'code.comune-signature': 'Comune {comune}: comune-tally.json non è firmato con la chiave dell’ufficio registrata per il comune: {reason}.',
  'code.comune-check-failed': 'Comune {comune}: la verifica del riepilogo comunale non è superata: {check} ({place}). Dettaglio tecnico (in inglese): {detail}',
  'code.comune-section-mismatch': 'Comune {comune}: le esportazioni delle sezioni non corrispondono alle impronte del riepilogo comunale: {place}. Dettaglio tecnico (in inglese): {detail}',
  'code.comune-other-election': 'Comune {comune}: l’elezione è un’altra rispetto a quella della Prefettura (differisce {field}).',
  'code.comune-second-tally': 'Il comune {comune} ha già un riepilogo accettato (invio {accepted}): questo, diverso, è conservato e segnalato, mai conteggiato.',
  'code.comune-same-tally': 'Comune {comune}: questo riepilogo è già conteggiato (invio {accepted}).',
  'comuneCheck.files': 'i file del pacchetto',
  'comuneCheck.signature': 'la firma dell’ufficio comunale',
  'comuneCheck.format': 'il documento del riepilogo comunale',
  'comuneCheck.section': 'l’esportazione di una sezione (seggio verify)',
  'comuneCheck.election': 'l’elezione delle sezioni',
  'comuneCheck.comune': 'il comune e il numero delle sue sezioni',
  'comuneCheck.listed': 'le sezioni elencate',
  'comuneCheck.unlisted': 'le esportazioni di sezioni non elencate',
  'comuneCheck.sums': 'le somme',
  'prefettura.title': 'Prefettura: affluenza e risultati della provincia di {province}',
  'prefettura.comuniIn': 'Comuni accettati: {n} su {of}',
  'prefettura.upload': 'Caricare il pacchetto di un comune (riepilogo comunale firmato ed esportazioni delle sezioni, file .tar)',
  'prefettura.comuni': 'Comuni',
  'prefettura.istat': 'Codice ISTAT',
  'prefettura.sections': 'Sezioni conteggiate',
  'prefettura.sectionsOf': '{n} su {of}',
  'prefettura.notReceived': 'non pervenuto',
  'prefettura.packages': 'Pacchetti ricevuti',
};

export type Key = keyof typeof it;

const en: Record<Key, string> = {
  title: 'Electoral office of the Comune of {comune}',
  language: 'Language',
  upload: "Upload a section's public export (.tar file)",
  uploadButton: 'Upload',
  uploading: 'Uploading…',
  publicPage: 'Public results page',
  sections: 'Sections',
  section: 'Section',
  name: 'Name',
  state: 'State',
  turnout: 'Turnout reported',
  notReceived: 'not received',
  sectionAccepted: 'accepted',
  conflicts: 'conflicting submissions: {n}',
  submissions: 'Submissions received',
  received: 'Received',
  channel: 'Channel',
  origin: 'From',
  reasons: 'Reasons and flags',
  none: 'none',
  noTurnout: 'no checkpoint',
  sectionsIn: 'Sections accepted: {n} of {of}',
  turnoutFlags: 'Turnout from another set-up (kept, not summed)',
  folder: 'Import folder: files not read',
  'channel.push': 'sent by the console',
  'channel.upload': 'upload',
  'channel.folder': 'import folder',
  'state.received': 'received, being checked',
  'state.accepted': 'accepted',
  'state.refused': 'refused',
  'state.conflict': 'conflict: kept, not counted',
  'check.files': 'the files and their digests',
  'check.election': 'the election package signed by the office',
  'check.setup': 'the set-up signed by the console',
  'check.signatures': "the console's signatures on poll book, key and tally",
  'check.booths': "each booth's reports",
  'check.ballots': 'the ballots one by one',
  'check.reconciliation': 'ballots, sessions and voters reconciled',
  'check.recount': 'the recount and the record checks',
  'check.log': 'the event logs',
  'check.tally': 'the tally document',
  'check.provenance': "the office's enrolment of every key that signs (console and booths)",
  'code.body-too-large': 'The file is larger than the {limit} bytes allowed.',
  'code.body-invalid': 'The request is not valid: {field}: {reason}.',
  'code.not-authorised': "The request does not carry this office session's code.",
  'code.no-election': 'The office has no election yet: its staff have not signed the package of the day, and nothing is received until then.',
  'code.archive-unreadable': 'The archive cannot be read as tar: {reason}.',
  'code.archive-too-many-entries': 'The archive has more than {limit} entries.',
  'code.archive-entry-path': 'The entry "{entry}" names a path outside the export (absolute or with ..): refused.',
  'code.archive-entry-type': 'The entry "{entry}" is a {type}, not a file: links are refused.',
  'code.archive-entry-too-large': 'The entry "{entry}" is larger than the {limit} bytes allowed.',
  'code.archive-entry-twice': 'The archive holds "{entry}" twice.',
  'code.archive-audit-set': 'The archive holds "{entry}": that is the audit set; the office takes the public export.',
  'code.bundle-check-failed': 'Verification failed: {check}{place}. Technical detail: {detail}',
  'code.other-election': 'The export is of another election (digest {digest}).',
  'code.section-unknown': 'Section {section} is not in the election.',
  'code.setup-not-turnout': 'Section {section}: the set-up {setup} is not the one that reported turnout during the day ({turnoutSetup}).',
  'code.second-submission': 'Section {section} already has an accepted result (submission {accepted}): this one is kept and flagged, never counted.',
  'code.same-result': 'This same result of section {section} is already accepted and counted (submission {accepted}): the copy is not counted a second time.',
  'code.turnout-document': 'Turnout document not valid: {field}: {reason}.',
  'code.turnout-signature': 'Invalid signature on {file}: {reason}.',
  'code.turnout-setup-mismatch': 'The field {field} does not match the turnout document.',
  'code.turnout-checkpoint-unknown': 'Checkpoint {checkpoint} is not in the election.',
  'code.turnout-contest-unknown': 'Contest {contest} is not in the election.',
  'code.turnout-figures': 'Contest {contest}: the figures are not whole numbers with M + F = T.',
  'code.turnout-replayed-different': 'Section {section} already reported checkpoint {checkpoint} with other figures.',
  'code.turnout-other-setup': 'Section {section}: turnout from a set-up ({setup}) other than the one that reported first ({turnoutSetup}).',
  'code.folder-entry-not-file': '"{file}" in the import folder is not a plain file (a link or a folder): not read.',
  'code.folder-file-too-large': '"{file}" in the import folder is larger than the {limit} bytes allowed: not read.',
  'code.no-turnout-reported': "Section {section} reported no turnout during the day: its result, verified, is counted, but its set-up could not be matched to the day's. Compare the digests with the section's record.",
  unmatched: 'set-up not matched: no turnout from the section',
  'code.comune-package-entry': 'The comune\'s package holds "{entry}": only comune-tally.json, its .sig signature and sections/ID.tar are taken.',
  'code.comune-package-missing': 'The comune\'s package has no {file}.',
  'code.comune-unknown': 'Comune {comune} is not in the Prefettura\'s configuration.',
  'code.comune-signature': 'Comune {comune}: comune-tally.json is not signed with the office key pinned for the comune: {reason}.',
  'code.comune-check-failed': 'Comune {comune}: the comune tally\'s verification failed: {check} ({place}). Technical detail: {detail}',
  'code.comune-section-mismatch': 'Comune {comune}: the sections\' exports do not match the comune tally\'s digests: {place}. Technical detail: {detail}',
  'code.comune-other-election': 'Comune {comune}: the election is another than the Prefettura\'s ({field} differs).',
  'code.comune-second-tally': 'Comune {comune} already has an accepted comune tally (submission {accepted}): this different one is kept and flagged, never counted.',
  'code.comune-same-tally': 'Comune {comune}: this comune tally is already counted (submission {accepted}).',
  'comuneCheck.files': 'the package\'s files',
  'comuneCheck.signature': 'the comune office\'s signature',
  'comuneCheck.format': 'the comune tally document',
  'comuneCheck.section': 'a section\'s export (seggio verify)',
  'comuneCheck.election': 'the sections\' election',
  'comuneCheck.comune': 'the comune and its number of sections',
  'comuneCheck.listed': 'the sections listed',
  'comuneCheck.unlisted': 'the exports of sections not listed',
  'comuneCheck.sums': 'the sums',
  'prefettura.title': 'Prefettura: turnout and results of the province of {province}',
  'prefettura.comuniIn': 'Comuni accepted: {n} of {of}',
  'prefettura.upload': "Upload a comune's package (signed comune tally and the sections' exports, .tar file)",
  'prefettura.comuni': 'Comuni',
  'prefettura.istat': 'ISTAT code',
  'prefettura.sections': 'Sections counted',
  'prefettura.sectionsOf': '{n} of {of}',
  'prefettura.notReceived': 'not received',
  'prefettura.packages': 'Packages received',
};

export const CATALOGUES: Record<Language, Record<Key, string>> = { it, de, en };

export type Translate = (key: Key, params?: Record<string, string | number>) => string;

export function translator(language: Language): Translate {
  return (key, params = {}) => CATALOGUES[language][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** A refusal or flag in the staff's language; the verifier's check named in words, its place in brackets. */
export function explain(t: Translate, p: Problem): string {
  const params: Record<string, string> = { ...p.params };
  if (p.code === 'bundle-check-failed') {
    const key = `check.${p.params.check}` as Key;
    params.check = key in it ? t(key) : p.params.check;
    params.place = p.params.place ? ` (${p.params.place})` : '';
  }
  if (p.code === 'comune-check-failed') {
    const key = `comuneCheck.${p.params.check}` as Key;
    params.check = key in it ? t(key) : p.params.check;
  }
  return t(`code.${p.code}` satisfies `code.${Code}`, params);
}
