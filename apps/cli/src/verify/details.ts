// What a check of `seggio verify` found, as a code with its figures (the pattern of the console's and the
// link's catalogues): the JSON report keeps the English beside the code, the text report says it in the
// language asked for. Each code's words in Italian, German and English name the same figures (a test).
// So far the reconciliation's; the other checks' details are English sentences (report.ts).

export const DETAILS = {
  'recon-needs': [],
  'recon-no-seal': [],
  'recon-seal-count': ['ballots', 'sealed'],
  'recon-seal-digest': [],
  'recon-seal-ok': ['ballots'],
  'recon-sessions': ['sealed', 'pollbook'],
  'recon-voters': ['ballots', 'voters'],
  'recon-voters-ok': ['ballots', 'voters'],
} as const satisfies Record<string, readonly string[]>;

export type DetailCode = keyof typeof DETAILS;
export type Detail = {
  [C in DetailCode]: { readonly code: C; readonly params: { readonly [P in (typeof DETAILS)[C][number]]: string | number } };
}[DetailCode];

export const detail = <C extends DetailCode>(code: C, params: { readonly [P in (typeof DETAILS)[C][number]]: string | number }): Detail => ({ code, params }) as Detail;

type Words = Readonly<Record<`detail.${DetailCode}`, string>>;

export const DETAIL_WORDS: Readonly<Record<'it' | 'de' | 'en', Words>> = {
  it: {
    'detail.recon-needs': 'servono la costituzione del seggio, il registro dei votanti e il pacchetto dell\'elezione',
    'detail.recon-no-seal': 'non ha un sigillo da riscontrare',
    'detail.recon-seal-count': '{ballots} schede in ballots.jsonl, il sigillo della cabina ne dice {sealed}',
    'detail.recon-seal-digest': "le schede non corrispondono all'impronta (ballotsDigest) del sigillo",
    'detail.recon-seal-ok': '{ballots} schede = il conteggio e l\'impronta del sigillo',
    'detail.recon-sessions': 'i sigilli delle cabine contano {sealed} votazioni concluse, il registro dei votanti {pollbook}',
    'detail.recon-voters': '{ballots} schede, {voters} votanti nel registro: devono essere uguali (E1)',
    'detail.recon-voters-ok': '{ballots} schede = {voters} votanti',
  },
  de: {
    'detail.recon-needs': 'erforderlich sind die Einrichtung, das Wählerverzeichnis und das Wahlpaket',
    'detail.recon-no-seal': 'hat kein Siegel zum Abgleich',
    'detail.recon-seal-count': '{ballots} Stimmzettel in ballots.jsonl, das Siegel der Kabine nennt {sealed}',
    'detail.recon-seal-digest': 'die Stimmzettel entsprechen nicht dem Fingerabdruck (ballotsDigest) des Siegels',
    'detail.recon-seal-ok': '{ballots} Stimmzettel = Zahl und Fingerabdruck des Siegels',
    'detail.recon-sessions': 'die Siegel der Kabinen zählen {sealed} abgeschlossene Stimmabgaben, das Wählerverzeichnis {pollbook}',
    'detail.recon-voters': '{ballots} Stimmzettel, {voters} Wähler im Verzeichnis: sie müssen gleich sein (E1)',
    'detail.recon-voters-ok': '{ballots} Stimmzettel = {voters} Wähler',
  },
  en: {
    'detail.recon-needs': 'needs the set-up, the poll book and the election',
    'detail.recon-no-seal': 'has no seal to reconcile',
    'detail.recon-seal-count': "{ballots} ballots in ballots.jsonl, the booth's seal says {sealed}",
    'detail.recon-seal-digest': "the ballots do not match the seal's ballotsDigest",
    'detail.recon-seal-ok': "{ballots} ballots = the seal's count and digest",
    'detail.recon-sessions': "the booths' seals count {sealed} sessions cast, the poll book {pollbook}",
    'detail.recon-voters': '{ballots} ballots, {voters} voters in the poll book: they must be equal (E1)',
    'detail.recon-voters-ok': '{ballots} ballots = {voters} voters',
  },
};

/** A detail in the words of one language, its figures put in. */
export function sayDetail(words: Words, d: Detail): string {
  return words[`detail.${d.code}`].replace(/\{(\w+)\}/g, (_, name: string) => String((d.params as Record<string, string | number>)[name] ?? `{${name}}`));
}
