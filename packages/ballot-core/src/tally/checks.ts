// The record checks of docs/election-rules.md ("The record (verbale) and its checks"), each with its figures, so a
// failure says exactly what does not add up: as figures for any interface to word in its language,
// and in English (`detail`) for the command line and the logs.
import type { Contest, MunicipalContest } from '../election/schema.js';
import type { CheckFigures, CheckId, CheckOutcome, ContestTally, MunicipalResults, PartyListResults, RecordCheck, ReferendumResults, SectionTally, SexCounts, TallyInput, TurnoutProblem } from './types.js';

const sum = (values: Iterable<number>): number => {
  let total = 0;
  for (const v of values) total += v;
  return total;
};

type Add = <K extends CheckId>(check: K, ok: boolean, figures: CheckFigures[K]) => void;

export function recordChecks(input: TallyInput, tally: SectionTally): RecordCheck[] {
  const checks: RecordCheck[] = [];
  const byId = new Map(input.election.contests.map((c) => [c.id, c]));
  for (const t of tally.contests) {
    const contest = byId.get(t.id)!;
    const add: Add = (check, ok, figures) => {
      const outcome = { check, ok, figures } as CheckOutcome;
      checks.push({ ...outcome, contest: t.id, detail: describeCheck(outcome) });
    };
    const notVotes = { blank: t.blank, invalid: t.invalid, contested: t.contested };
    const others = t.blank + t.invalid + t.contested;

    add('C1', t.voters.M + t.voters.F === t.voters.T && t.electors.M + t.electors.F === t.electors.T, { voters: t.voters, electors: t.electors });

    const admitted = input.pollbook.contests[t.id]?.admitted?.T ?? 0;
    add('C2', t.voters.T <= t.electors.T + admitted, { voters: t.voters.T, electors: t.electors.T, admitted });

    if (contest.type === 'referendum') {
      const r = t.results as ReferendumResults;
      const total = r.YES + r.NO + others;
      add('C3', total === t.voters.T, { yes: r.YES, no: r.NO, ...notVotes, total, voters: t.voters.T });
    } else {
      const { counted, votes } = ballotVotes(t, contest);
      add('C4', votes + others === t.voters.T, { counted, votes, ...notVotes, total: votes + others, voters: t.voters.T });
    }
    if (contest.type === 'municipal') addMunicipalChecks(t, contest, add);
    addPreferenceCheck(t, contest, add);
    addTurnoutCheck(input, t, add);

    const sessions = input.castSessions[t.id] ?? 0;
    add('E1', t.ballots.count === sessions && sessions === t.voters.T, { ballots: t.ballots.count, sessions, voters: t.voters.T });
  }
  return checks;
}

/** C4's votes: every voter's ballot counted exactly once; for party lists the same rule over lists and candidates. */
function ballotVotes(t: ContestTally, contest: Exclude<Contest, { type: 'referendum' }>): { counted: CheckFigures['C4']['counted']; votes: number } {
  if (contest.type === 'municipal') return { counted: 'mayors', votes: sum(Object.values((t.results as MunicipalResults).mayors).map((m) => m.votes)) };
  if (contest.type === 'european') return { counted: 'lists', votes: sum(Object.values((t.results as PartyListResults).lists)) };
  return { counted: 'candidates', votes: sum(Object.values((t.results as PartyListResults).candidates)) };
}

function addMunicipalChecks(t: ContestTally, contest: MunicipalContest, add: Add) {
  const r = t.results as MunicipalResults;
  if (contest.population <= 15_000) {
    const mismatches = contest.mayors
      .map((m) => ({ list: m.lists[0]!, listVotes: r.lists[m.lists[0]!] ?? 0, mayor: m.id, mayorVotes: r.mayors[m.id]!.votes }))
      .filter((m) => m.listVotes !== m.mayorVotes);
    add('C5', mismatches.length === 0, { mismatches });
  } else {
    // [assumed] docs/election-rules.md C6: over 15,000 every mayor vote is either with a list or mayor-only.
    const mayors = sum(Object.values(r.mayors).map((m) => m.votes));
    const lists = sum(Object.values(r.lists));
    const mayorOnly = sum(Object.values(r.mayors).map((m) => m.mayorOnly));
    add('C6', mayors === lists + mayorOnly, { mayors, lists, mayorOnly });
  }
}

/** C7: no candidate has more preferences than the list has votes. */
function addPreferenceCheck(t: ContestTally, contest: Contest, add: Add) {
  if (contest.type === 'referendum' || contest.type === 'camera' || contest.type === 'senato') return;
  const r = t.results as MunicipalResults | PartyListResults;
  const over = contest.lists.flatMap((l) =>
    l.candidates
      .filter((c) => (r.preferences[c.id] ?? 0) > (r.lists[l.id] ?? 0))
      .map((c) => ({ candidate: c.id, preferences: r.preferences[c.id]!, list: l.id, listVotes: r.lists[l.id] ?? 0 })),
  );
  add('C7', over.length === 0, { over });
}

/** C8: turnout never decreases, and the final checkpoint equals the voters. */
function addTurnoutCheck(input: TallyInput, t: ContestTally, add: Add) {
  const problems: TurnoutProblem[] = [];
  const order = input.election.turnoutCheckpoints.map((c) => c.id);
  const reports = input.pollbook.turnout;
  reports.forEach((report, i) => {
    if (!order.includes(report.checkpoint)) problems.push({ problem: 'unknown-checkpoint', checkpoint: report.checkpoint });
    if (i > 0 && order.indexOf(report.checkpoint) <= order.indexOf(reports[i - 1]!.checkpoint)) problems.push({ problem: 'out-of-order', checkpoint: report.checkpoint });
  });
  let previous: SexCounts | undefined;
  let previousId = '';
  for (const report of reports) {
    const figures = report.contests[t.id];
    if (!figures) continue;
    if (previous) {
      for (const sex of ['M', 'F', 'T'] as const) {
        if (figures[sex] < previous[sex]) problems.push({ problem: 'fell', sex, from: previous[sex], at: previousId, to: figures[sex], checkpoint: report.checkpoint });
      }
    }
    previous = figures;
    previousId = report.checkpoint;
  }
  const final = input.election.turnoutCheckpoints.find((c) => c.final)?.id ?? '';
  const reported = reports.find((r) => r.checkpoint === final)?.contests[t.id];
  if (!reported) problems.push({ problem: 'final-missing', checkpoint: final });
  else {
    for (const sex of ['M', 'F', 'T'] as const) {
      if (reported[sex] !== t.voters[sex]) problems.push({ problem: 'final-differs', sex, checkpoint: final, reported: reported[sex], voters: t.voters[sex] });
    }
  }
  add('C8', problems.length === 0, { final, voters: t.voters.T, problems });
}

const eq = (a: number, b: number) => (a === b ? '=' : '≠');

/** A check's figures in English, e.g. "YES 16949 + NO 9109 + blank 54 + invalid 98 + contested 0 = 26210 = voters 26210". */
export function describeCheck(c: CheckOutcome): string {
  const rest = (n: { blank: number; invalid: number; contested: number }) => `blank ${n.blank} + invalid ${n.invalid} + contested ${n.contested}`;
  const sexes = (what: string, n: SexCounts) => `${what} M ${n.M} + F ${n.F} ${eq(n.M + n.F, n.T)} T ${n.T}`;
  switch (c.check) {
    case 'C1':
      return `${sexes('voters', c.figures.voters)}; ${sexes('electors', c.figures.electors)}`;
    case 'C2':
      return `voters ${c.figures.voters} ${c.ok ? '≤' : '>'} electors ${c.figures.electors} + admitted non-roll voters ${c.figures.admitted}`;
    case 'C3': {
      const f = c.figures;
      return `YES ${f.yes} + NO ${f.no} + ${rest(f)} = ${f.total} ${eq(f.total, f.voters)} voters ${f.voters}`;
    }
    case 'C4': {
      const f = c.figures;
      const what = { mayors: 'mayor votes', lists: 'list votes', candidates: 'single-member candidate votes' }[f.counted];
      return `${what} ${f.votes} + ${rest(f)} = ${f.total} ${eq(f.total, f.voters)} voters ${f.voters}`;
    }
    case 'C5':
      if (c.figures.mismatches.length === 0) return "each list's votes equal its mayor's";
      return c.figures.mismatches.map((m) => `list ${m.list} has ${m.listVotes} votes, its mayor ${m.mayor} ${m.mayorVotes}`).join('; ');
    case 'C6': {
      const f = c.figures;
      return `mayor votes ${f.mayors} ${eq(f.mayors, f.lists + f.mayorOnly)} list votes ${f.lists} + mayor-only ${f.mayorOnly}`;
    }
    case 'C7':
      if (c.figures.over.length === 0) return "no candidate has more preferences than the list's votes";
      return c.figures.over.map((o) => `${o.candidate} has ${o.preferences} preferences, list ${o.list} ${o.listVotes} votes`).join('; ');
    case 'C8':
      if (c.figures.problems.length === 0) return `turnout never decreases and the final checkpoint ${c.figures.final} equals the voters ${c.figures.voters}`;
      return c.figures.problems.map(describeTurnoutProblem).join('; ');
    case 'E1': {
      const f = c.figures;
      return `ballots in the box ${f.ballots}, sessions that cast this contest ${f.sessions}, voters registered ${f.voters}${c.ok ? '' : ': they must be equal'}`;
    }
  }
}

function describeTurnoutProblem(p: TurnoutProblem): string {
  switch (p.problem) {
    case 'unknown-checkpoint':
      return `checkpoint ${p.checkpoint} is not one of the election's`;
    case 'out-of-order':
      return `checkpoint ${p.checkpoint} is out of order`;
    case 'fell':
      return `${p.sex} fell from ${p.from} at ${p.at} to ${p.to} at ${p.checkpoint}`;
    case 'final-missing':
      return `the final checkpoint ${p.checkpoint} has not been reported`;
    case 'final-differs':
      return `the final checkpoint ${p.checkpoint} reports ${p.sex} ${p.reported}, the poll book ${p.voters}`;
  }
}
