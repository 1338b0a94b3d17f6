// What `seggio verify` found, grouped by check, each item with its place (file, line, booth, contest).

export const CHECKS = {
  files: 'every file present, readable and of its format; every digest listed in the tally',
  election: 'the election package, signed by the office key',
  setup: 'the set-up, signed by the console it names',
  signatures: 'poll book, urna key and tally, signed by the console',
  booths: "each booth's zero report and seal, signed by that booth",
  ballots: 'every ballot: hash, order, signature, length, opening, content',
  reconciliation: 'ballots = seal counts and digests = sessions cast = voters, per contest and booth',
  recount: 'a full recount equal to the signed tally, and checks C1-C8',
  log: 'the hash-chained event logs and their heads',
  tally: 'the tally document, its plaintext lengths and tally.csv',
  provenance: 'every signing key enrolled by the office for its role and comune (machines/); the paper verbale\'s tally digest, when given',
} as const;
export type CheckName = keyof typeof CHECKS;

export interface Place {
  readonly file?: string;
  readonly line?: number;
  readonly booth?: string;
  readonly contest?: string;
}

export interface Item extends Place {
  readonly status: 'pass' | 'fail' | 'warn' | 'skip';
  readonly message: string;
}

const MAX_ITEMS_PER_CHECK = 200;

export class Report {
  readonly items = new Map<CheckName, Item[]>((Object.keys(CHECKS) as CheckName[]).map((k) => [k, []]));
  readonly #dropped = new Map<CheckName, number>();

  add(check: CheckName, status: Item['status'], message: string, place: Place = {}): void {
    const list = this.items.get(check)!;
    if (list.length >= MAX_ITEMS_PER_CHECK && status === 'fail') {
      this.#dropped.set(check, (this.#dropped.get(check) ?? 0) + 1);
      return;
    }
    list.push({ status, message, ...place });
  }

  pass(check: CheckName, message: string, place?: Place): void {
    this.add(check, 'pass', message, place);
  }

  fail(check: CheckName, message: string, place?: Place): void {
    this.add(check, 'fail', message, place);
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
    };
  }

  toText(bundle: string, verbose: boolean): string {
    const where = (i: Item) => [i.file && `${i.file}${i.line ? `:${i.line}` : ''}`, i.booth && `booth ${i.booth}`, i.contest && `contest ${i.contest}`].filter(Boolean).join(', ');
    const lines = [`seggio verify ${bundle}`, ''];
    for (const check of Object.keys(CHECKS) as CheckName[]) {
      const status = this.statusOf(check);
      lines.push(`${status.toUpperCase().padEnd(4)}  ${check.padEnd(14)} ${CHECKS[check]}`);
      for (const item of this.items.get(check)!) {
        if (item.status === 'pass' && !verbose) continue;
        lines.push(`        ${item.status === 'pass' ? 'ok  ' : item.status}  ${where(item) ? `${where(item)}: ` : ''}${item.message}`);
      }
      if (this.#dropped.get(check)) lines.push(`        fail  … and ${this.#dropped.get(check)} more failures`);
    }
    const failed = (Object.keys(CHECKS) as CheckName[]).filter((c) => this.statusOf(c) === 'fail');
    lines.push('', failed.length === 0 ? 'RESULT: PASS: every check holds' : `RESULT: FAIL: ${failed.join(', ')}`);
    return `${lines.join('\n')}\n`;
  }
}
