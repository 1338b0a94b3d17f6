// The words of `seggio verify --lang`: the report's frame (checks, statuses, result) and its figures' names
// in Italian, German or English, for the auditors of an Italian election, the record checks (C1-C8, E1)
// with their figures in the words the console's count uses (ballot-core), and the details given as codes
// (details.ts); the other checks' details stay in English, the language of the bundle's format. The
// figures' names are the Ministry's (voce, as in tally.csv).
import { CHECK_WORDS, VOCE_WORDS } from '@seggio/ballot-core';
import { DETAIL_WORDS } from './details.js';

export type Language = 'it' | 'de' | 'en';
export const LANGUAGES: readonly Language[] = ['it', 'de', 'en'];

const IT = {
  title: 'Verifica del pacchetto',
  pass: 'OK',
  fail: 'ERRORE',
  warn: 'AVVISO',
  skip: 'SALTATO',
  'result.pass': 'ESITO: REGOLARE: ogni controllo è superato',
  'result.fail': 'ESITO: IRREGOLARE: {checks}',
  figures: 'Cifre di ogni consultazione: ricontate dalle schede e firmate nel verbale',
  'figures.public': 'Cifre di ogni consultazione: firmate nel verbale (esportazione pubblica: nessun riconteggio)',
  recounted: 'ricontate',
  signed: 'firmate',
  differs: 'DIVERSE',
  same: 'uguali',
  details: 'I dettagli dei controlli restano in inglese, come nel formato del pacchetto, salvo quelli del riscontro e del verbale (C1-C8, E1).',
  'check.files': 'ogni file presente, leggibile e nel suo formato; ogni impronta elencata nel verbale',
  'check.election': 'il pacchetto dell\'elezione, firmato dalla chiave dell\'ufficio',
  'check.setup': 'la costituzione del seggio, firmata dalla console che nomina',
  'check.signatures': 'registro dei votanti, chiave dell\'urna e verbale, firmati dalla console',
  'check.booths': 'rapporto zero e sigillo di ogni cabina, firmati da quella cabina',
  'check.ballots': 'ogni scheda: impronta, ordine, firma, lunghezza, apertura, contenuto',
  'check.reconciliation': 'schede = conteggi e impronte dei sigilli = votazioni concluse = votanti, per consultazione e cabina',
  'check.recount': 'un riconteggio completo uguale al verbale firmato, e i controlli C1-C8',
  'check.log': 'i registri degli eventi concatenati e le loro teste',
  'check.tally': 'il documento del verbale, le lunghezze delle schede e tally.csv',
  'check.provenance': "ogni chiave che firma registrata dall'ufficio per il suo ruolo e il suo comune (machines/); l'impronta del verbale cartaceo, se indicata",
  ...VOCE_WORDS.it,
  ...CHECK_WORDS.it,
  ...DETAIL_WORDS.it,
} as const;

export type WordKey = keyof typeof IT;

const DE: Record<WordKey, string> = {
  title: 'Prüfung des Pakets',
  pass: 'OK',
  fail: 'FEHLER',
  warn: 'HINWEIS',
  skip: 'AUSGELASSEN',
  'result.pass': 'ERGEBNIS: IN ORDNUNG: jede Prüfung besteht',
  'result.fail': 'ERGEBNIS: NICHT IN ORDNUNG: {checks}',
  figures: 'Zahlen jeder Abstimmung: aus den Stimmzetteln nachgezählt und in der Niederschrift signiert',
  'figures.public': 'Zahlen jeder Abstimmung: in der Niederschrift signiert (öffentlicher Export: keine Nachzählung)',
  recounted: 'nachgezählt',
  signed: 'signiert',
  differs: 'VERSCHIEDEN',
  same: 'gleich',
  details: 'Die Einzelheiten der Prüfungen bleiben englisch, wie im Format des Pakets, außer denen des Abgleichs und der Niederschrift (C1-C8, E1).',
  'check.files': 'jede Datei vorhanden, lesbar und in ihrem Format; jeder Fingerabdruck in der Niederschrift aufgeführt',
  'check.election': 'das Wahlpaket, vom Schlüssel des Wahlamts signiert',
  'check.setup': 'die Einrichtung der Sprengelwahlbehörde, von der genannten Konsole signiert',
  'check.signatures': 'Wählerverzeichnis, Urnenschlüssel und Niederschrift, von der Konsole signiert',
  'check.booths': 'Nullbericht und Siegel jeder Kabine, von dieser Kabine signiert',
  'check.ballots': 'jeder Stimmzettel: Fingerabdruck, Reihenfolge, Signatur, Länge, Öffnung, Inhalt',
  'check.reconciliation': 'Stimmzettel = Zahlen und Fingerabdrücke der Siegel = abgeschlossene Stimmabgaben = Wähler, je Abstimmung und Kabine',
  'check.recount': 'eine vollständige Nachzählung gleich der signierten Niederschrift, und die Prüfungen C1-C8',
  'check.log': 'die verketteten Ereignisprotokolle und ihre Köpfe',
  'check.tally': 'das Dokument der Niederschrift, die Längen der Stimmzettel und tally.csv',
  'check.provenance': 'jeder signierende Schlüssel vom Wahlamt für seine Rolle und Gemeinde registriert (machines/); der Fingerabdruck der Papierniederschrift, wenn angegeben',
  ...VOCE_WORDS.de,
  ...CHECK_WORDS.de,
  ...DETAIL_WORDS.de,
};

const EN: Record<WordKey, string> = {
  title: 'Verifying the bundle',
  pass: 'PASS',
  fail: 'FAIL',
  warn: 'WARN',
  skip: 'SKIP',
  'result.pass': 'RESULT: PASS: every check holds',
  'result.fail': 'RESULT: FAIL: {checks}',
  figures: 'Each contest\'s figures: recounted from the ballots, and as the tally signs them',
  'figures.public': 'Each contest\'s figures as the tally signs them (a public export: no recount)',
  recounted: 'recounted',
  signed: 'signed',
  differs: 'DIFFER',
  same: 'same',
  details: '',
  'check.files': 'every file present, readable and of its format; every digest listed in the tally',
  'check.election': 'the election package, signed by the office key',
  'check.setup': 'the set-up, signed by the console it names',
  'check.signatures': 'poll book, urna key and tally, signed by the console',
  'check.booths': "each booth's zero report and seal, signed by that booth",
  'check.ballots': 'every ballot: hash, order, signature, length, opening, content',
  'check.reconciliation': 'ballots = seal counts and digests = sessions cast = voters, per contest and booth',
  'check.recount': 'a full recount equal to the signed tally, and checks C1-C8',
  'check.log': 'the hash-chained event logs and their heads',
  'check.tally': 'the tally document, its plaintext lengths and tally.csv',
  'check.provenance': "every signing key enrolled by the office for its role and comune (machines/); the paper verbale's tally digest, when given",
  ...VOCE_WORDS.en,
  ...CHECK_WORDS.en,
  ...DETAIL_WORDS.en,
};
/** The report's words in each language (with the details', the figures' and the checks'). */
export const VERIFY_WORDS: Record<Language, Record<WordKey, string>> = { it: IT, de: DE, en: EN };

export type Say = (key: WordKey, params?: Record<string, string | number>) => string;

export function words(language: Language): Say {
  return (key, params = {}) => VERIFY_WORDS[language][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** A figure's name, from its voce (and its code and description, for a list or a candidate). */
export function voceName(say: Say, voce: string, cod: string, descrizione: string): string {
  const key = `voce.${voce}`;
  return key in IT ? say(key as WordKey, { cod, d: descrizione }) : `${voce} ${cod} ${descrizione}`.trim();
}
