// A submission's life: received, then judged once.
import { describe, expect, it } from 'vitest';
import { problem } from '../src/shared/codes.js';
import type { SubmissionState } from '../src/shared/api.js';
import { next, type SubmissionAction } from '../src/service/submission.js';

const refusal = [problem('other-election', { digest: 'x' })];
const actions: SubmissionAction[] = [{ type: 'verified', flags: [] }, { type: 'refused', problems: refusal }, { type: 'conflicts', problems: refusal }];

describe('next(state, action)', () => {
  it('takes a received submission to accepted, refused or conflict, with its problems', () => {
    expect(actions.map((a) => next('received', a))).toEqual([
      { ok: true, state: 'accepted', problems: [] },
      { ok: true, state: 'refused', problems: refusal },
      { ok: true, state: 'conflict', problems: refusal },
    ]);
  });

  it.each(['accepted', 'refused', 'conflict'] as SubmissionState[])('never moves a submission already %s', (state) => {
    for (const a of actions) expect(next(state, a)).toEqual({ ok: false, from: state });
  });
});
