// What `seggio verify` found, grouped by check, each item with its place (file, line, booth, contest),
// and each contest's figures as recounted beside the signed tally's.
import { checkText, type RecordCheck } from '@seggio/ballot-core';
import { DETAIL_WORDS, sayDetail, type Detail } from './details.js';
import { voceName, words, type Say } from './words.js';

const en = words('en');
/** Each check and what it holds, in English (the JSON report's descriptions); --lang says them in words.ts. */
export const CHECKS = {
  files: en('check.files'),
  election: en('check.election'),
  setup: en('check.setup'),
  signatures: en('check.signatures'),
  booths: en('check.booths'),
  ballots: en('check.ballots'),
  reconciliation: en('check.reconciliation'),
  recount: en('check.recount'),
  log: en('check.log'),
  tally: en('check.tally'),
  provenance: en('check.provenance'),
};
export type CheckName = keyof typeof CHECKS;

export interface Place {
  readonly file?: string;
  readonly line?: number;
  readonly booth?: string;
  readonly contest?: string;
}

export interface Item extends Place {
  readonly status: 'pass' | 'fail' | 'warn' | 'skip';
  /** In English, the language of the bundle's format. */
  readonly message: string;
  /** A record check (C1–C8, E1) with its figures, which the text report words in its language. */
  readonly recordCheck?: RecordCheck;
  /** What was found as a code with its figures (details.ts), which the text report words in its language. */
  readonly code?: Detail['code'];
  readonly params?: Detail['params'];
}

/** One figure of a contest (its voce, as in tally.csv): as recounted from the ballots, and as signed. */
export interface FigureRow {
  readonly voce: string;
  readonly cod: string;
  readonly descrizione: string;
  /** Null when there was no recount (a public export) or the recount has no such figure. */
  readonly recounted: number | null;
  /** Null when the signed tally has no such figure. */
  readonly signed: number | null;
}

export interface ContestFigures {
  readonly contest: string;
  readonly title: string;
  readonly rows: readonly FigureRow[];
}

const MAX_ITEMS_PER_CHECK = 200;

export class Report {
  readonly items = new Map<CheckName, Item[]>((Object.keys(CHECKS) as CheckName[]).map((k) => [k, []]));
  readonly #dropped = new Map<CheckName, number>();
  /** Each contest's figures, recounted beside signed; empty when they could not be read. */
  figures: readonly ContestFigures[] = [];
  /** Whether the figures were recounted from the ballots (not a public export). */
  recounted = false;
  /** The election's names of lists, mayors and candidates by id, for the record checks in words. */
  names: ReadonlyMap<string, string> = new Map();

  /** What a check found: an English sentence, or a detail's code and figures (its English the message). */
  add(check: CheckName, status: Item['status'], found: string | Detail, place: Place = {}): void {
    const list = this.items.get(check)!;
    if (list.length >= MAX_ITEMS_PER_CHECK && status === 'fail') {
      this.#dropped.set(check, (this.#dropped.get(check) ?? 0) + 1);
      return;
    }
    if (typeof found === 'string') list.push({ status, message: found, ...place });
    else list.push({ status, message: sayDetail(DETAIL_WORDS.en, found), code: found.code, params: found.params, ...place });
  }

  /** A record check of the recount, its figures kept for the text report (the JSON report's message is its English). */
  addRecordCheck(c: RecordCheck): void {
    const list = this.items.get('recount')!;
    if (list.length >= MAX_ITEMS_PER_CHECK && !c.ok) return void this.#dropped.set('recount', (this.#dropped.get('recount') ?? 0) + 1);
    list.push({ status: c.ok ? 'pass' : 'fail', message: `${c.check}: ${c.detail}`, contest: c.contest, recordCheck: c });
  }

  pass(check: CheckName, found: string | Detail, place?: Place): void {
    this.add(check, 'pass', found, place);
  }

  fail(check: CheckName, found: string | Detail, place?: Place): void {
    this.add(check, 'fail', found, place);
  }

  statusOf(check: CheckName): 'pass' | 'fail' | 'skip' {
    const items = this.items.get(check)!;
    if (items.some((i) => i.status === 'fail') || this.#dropped.get(check)) return 'fail';
    return items.length > 0 && items.every((i) => i.status === 'skip') ? 'skip' : 'pass';
  }

  get ok(): boolean {
    return (Object.keys(CHECKS) as CheckName[]).every((c) => this.statusOf(c) !== 'fail');
  }

  toJson(bundle: string): object {
    return {
      bundle,
      ok: this.ok,
      checks: (Object.keys(CHECKS) as CheckName[]).map((check) => ({
        check,
        description: CHECKS[check],
        status: this.statusOf(check),
        items: this.items.get(check),
        ...(this.#dropped.get(check) ? { moreFailures: this.#dropped.get(check) } : {}),
      })),
      figures: this.figures,
    };
  }

  /** The readable report, its frame, figures and record checks in `say`'s language (the other details stay in English). */
  toText(bundle: string, verbose: boolean, say: Say = en): string {
    const where = (i: Item) => [i.file && `${i.file}${i.line ? `:${i.line}` : ''}`, i.booth && `booth ${i.booth}`, i.contest && `contest ${i.contest}`].filter(Boolean).join(', ');
    const lines = [`seggio verify ${bundle}`, ...(say('details') ? [say('details')] : []), ''];
    for (const check of Object.keys(CHECKS) as CheckName[]) {
      const status = this.statusOf(check);
      lines.push(`${say(status).padEnd(7)}  ${check.padEnd(14)} ${say(`check.${check}`)}`);
      for (const item of this.items.get(check)!) {
        if (item.status === 'pass' && !verbose) continue;
        const message = item.recordCheck ? `${item.recordCheck.check}: ${checkText(say, this.names, item.recordCheck)}` : item.code ? say(`detail.${item.code}`, item.params) : item.message;
        lines.push(`        ${item.status === 'pass' ? 'ok  ' : item.status}  ${where(item) ? `${where(item)}: ` : ''}${message}`);
      }
      if (this.#dropped.get(check)) lines.push(`        fail  … and ${this.#dropped.get(check)} more failures`);
    }
    lines.push(...this.#figuresText(say));
    const failed = (Object.keys(CHECKS) as CheckName[]).filter((c) => this.statusOf(c) === 'fail');
    lines.push('', failed.length === 0 ? say('result.pass') : say('result.fail', { checks: failed.join(', ') }));
    return `${lines.join('\n')}\n`;
  }

  /** Per contest, each figure's name, the recounted and the signed value, and whether they differ. */
  #figuresText(say: Say): string[] {
    if (this.figures.length === 0) return [];
    const lines = ['', say(this.recounted ? 'figures' : 'figures.public')];
    const value = (n: number | null) => (n === null ? '-' : String(n)).padStart(10);
    for (const contest of this.figures) {
      lines.push('', `  ${contest.contest}  ${contest.title}`, `    ${''.padEnd(52)} ${say('recounted').padStart(10)} ${say('signed').padStart(10)}`);
      for (const row of contest.rows) {
        const name = voceName(say, row.voce, row.cod, row.descrizione);
        const differs = this.recounted && row.recounted !== row.signed;
        lines.push(`    ${name.slice(0, 52).padEnd(52)} ${value(row.recounted)} ${value(row.signed)}${differs ? `  ${say('differs')}` : ''}`);
      }
    }
    return lines;
  }
}
