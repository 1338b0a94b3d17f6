// The record checks of DOMAIN.md ("The record (verbale) and its checks"), each with its figures, so a
// failure says exactly what does not add up.
import type { Contest, MunicipalContest } from '../election/schema.js';
import type { ContestTally, MunicipalResults, PartyListResults, RecordCheck, ReferendumResults, SectionTally, SexCounts, TallyInput } from './types.js';

const sum = (values: Iterable<number>): number => {
  let total = 0;
  for (const v of values) total += v;
  return total;
};

export function recordChecks(input: TallyInput, tally: SectionTally): RecordCheck[] {
  const checks: RecordCheck[] = [];
  const byId = new Map(input.election.contests.map((c) => [c.id, c]));
  for (const t of tally.contests) {
    const contest = byId.get(t.id)!;
    const add = (check: RecordCheck['check'], ok: boolean, detail: string) => checks.push({ check, contest: t.id, ok, detail });
    const rest = `blank ${t.blank} + invalid ${t.invalid} + contested ${t.contested}`;
    const others = t.blank + t.invalid + t.contested;

    const sexes = (what: string, c: SexCounts) => `${what} M ${c.M} + F ${c.F} ${c.M + c.F === c.T ? '=' : '≠'} T ${c.T}`;
    add('C1', t.voters.M + t.voters.F === t.voters.T && t.electors.M + t.electors.F === t.electors.T, `${sexes('voters', t.voters)}; ${sexes('electors', t.electors)}`);

    const admitted = input.pollbook.contests[t.id]?.admitted?.T ?? 0;
    add('C2', t.voters.T <= t.electors.T + admitted, `voters ${t.voters.T} ${t.voters.T <= t.electors.T + admitted ? '≤' : '>'} electors ${t.electors.T} + admitted non-roll voters ${admitted}`);

    if (contest.type === 'referendum') {
      const r = t.results as ReferendumResults;
      const total = r.YES + r.NO + others;
      add('C3', total === t.voters.T, `YES ${r.YES} + NO ${r.NO} + ${rest} = ${total} ${total === t.voters.T ? '=' : '≠'} voters ${t.voters.T}`);
    } else {
      addBallotSum(t, contest, rest, others, add);
    }
    if (contest.type === 'municipal') addMunicipalChecks(t, contest, add);
    addPreferenceCheck(t, contest, add);
    addTurnoutCheck(input, t, add);

    const sessions = input.castSessions[t.id] ?? 0;
    const e1 = t.ballots.count === sessions && sessions === t.voters.T;
    add('E1', e1, `ballots in the box ${t.ballots.count}, sessions that cast this contest ${sessions}, voters registered ${t.voters.T}${e1 ? '' : ': they must be equal'}`);
  }
  return checks;
}

type Add = (check: RecordCheck['check'], ok: boolean, detail: string) => void;

/** C4: every voter's ballot counted exactly once; for party lists the same rule over lists and candidates. */
function addBallotSum(t: ContestTally, contest: Exclude<Contest, { type: 'referendum' }>, rest: string, others: number, add: Add) {
  let counted: number;
  let what: string;
  if (contest.type === 'municipal') {
    counted = sum(Object.values((t.results as MunicipalResults).mayors).map((m) => m.votes));
    what = 'mayor votes';
  } else if (contest.type === 'european') {
    counted = sum(Object.values((t.results as PartyListResults).lists));
    what = 'list votes';
  } else {
    counted = sum(Object.values((t.results as PartyListResults).candidates));
    what = 'single-member candidate votes';
  }
  const total = counted + others;
  add('C4', total === t.voters.T, `${what} ${counted} + ${rest} = ${total} ${total === t.voters.T ? '=' : '≠'} voters ${t.voters.T}`);
}

function addMunicipalChecks(t: ContestTally, contest: MunicipalContest, add: Add) {
  const r = t.results as MunicipalResults;
  if (contest.population <= 15_000) {
    const wrong = contest.mayors.filter((m) => r.lists[m.lists[0]!] !== r.mayors[m.id]!.votes);
    add(
      'C5',
      wrong.length === 0,
      wrong.length === 0
        ? "each list's votes equal its mayor's"
        : wrong.map((m) => `list ${m.lists[0]!} has ${r.lists[m.lists[0]!]} votes, its mayor ${m.id} ${r.mayors[m.id]!.votes}`).join('; '),
    );
  } else {
    // [assumed] DOMAIN.md C6: over 15,000 every mayor vote is either with a list or mayor-only.
    const mayors = sum(Object.values(r.mayors).map((m) => m.votes));
    const lists = sum(Object.values(r.lists));
    const only = sum(Object.values(r.mayors).map((m) => m.mayorOnly));
    add('C6', mayors === lists + only, `mayor votes ${mayors} ${mayors === lists + only ? '=' : '≠'} list votes ${lists} + mayor-only ${only}`);
  }
}

/** C7: no candidate has more preferences than the list has votes. */
function addPreferenceCheck(t: ContestTally, contest: Contest, add: Add) {
  if (contest.type === 'referendum' || contest.type === 'camera' || contest.type === 'senato') return;
  const r = t.results as MunicipalResults | PartyListResults;
  const over = contest.lists.flatMap((l) => l.candidates.filter((c) => (r.preferences[c.id] ?? 0) > (r.lists[l.id] ?? 0)).map((c) => ({ c, l })));
  add(
    'C7',
    over.length === 0,
    over.length === 0
      ? "no candidate has more preferences than the list's votes"
      : over.map(({ c, l }) => `${c.id} has ${r.preferences[c.id]} preferences, list ${l.id} ${r.lists[l.id]} votes`).join('; '),
  );
}

/** C8: turnout never decreases, and the final checkpoint equals the voters. */
function addTurnoutCheck(input: TallyInput, t: ContestTally, add: Add) {
  const problems: string[] = [];
  const order = input.election.turnoutCheckpoints.map((c) => c.id);
  const reports = input.pollbook.turnout;
  reports.forEach((report, i) => {
    if (!order.includes(report.checkpoint)) problems.push(`checkpoint ${report.checkpoint} is not one of the election's`);
    if (i > 0 && order.indexOf(report.checkpoint) <= order.indexOf(reports[i - 1]!.checkpoint)) problems.push(`checkpoint ${report.checkpoint} is out of order`);
  });
  let previous: SexCounts | undefined;
  let previousId = '';
  for (const report of reports) {
    const figures = report.contests[t.id];
    if (!figures) continue;
    if (previous) {
      for (const sex of ['M', 'F', 'T'] as const) {
        if (figures[sex] < previous[sex]) problems.push(`${sex} fell from ${previous[sex]} at ${previousId} to ${figures[sex]} at ${report.checkpoint}`);
      }
    }
    previous = figures;
    previousId = report.checkpoint;
  }
  const finalId = input.election.turnoutCheckpoints.find((c) => c.final)?.id;
  const final = reports.find((r) => r.checkpoint === finalId)?.contests[t.id];
  if (!final) problems.push(`the final checkpoint ${finalId ?? ''} has not been reported`);
  else {
    for (const sex of ['M', 'F', 'T'] as const) {
      if (final[sex] !== t.voters[sex]) problems.push(`the final checkpoint ${finalId} reports ${sex} ${final[sex]}, the poll book ${t.voters[sex]}`);
    }
  }
  add('C8', problems.length === 0, problems.length === 0 ? `turnout never decreases and the final checkpoint ${finalId} equals the voters ${t.voters.T}` : problems.join('; '));
}
