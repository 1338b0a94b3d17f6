// The office's answer to the public export, as the console keeps it for the president (service/office-push.ts):
// whatever the server at the package's office address sends, the view is one of its states, with the office's
// reasons and notes as text, bounded, and never a value the page cannot draw.
import { describe, expect, it } from 'vitest';
import { ANSWER_LIMITS, answerView, boundedText, officeProblems } from '../src/service/office-push.js';

describe("the office's answer", () => {
  it('is accepted with its time and notes, or refused with its reasons, from the submission or the answer itself', () => {
    const at = '2026-06-08T13:02:11.120Z';
    expect(answerView(JSON.stringify({ ok: true, submission: { state: 'accepted', receivedAt: at, problems: [{ code: 'no-turnout-reported', params: { section: '4' } }] } }))).toEqual({
      state: 'accepted', at, problems: [{ code: 'no-turnout-reported', params: { section: '4' } }],
    });
    expect(answerView(JSON.stringify({ ok: true, submission: { state: 'refused', receivedAt: at, problems: [{ code: 'other-election', params: { digest: 'ab' } }] } }))).toEqual({
      state: 'refused', at, problems: [{ code: 'other-election', params: { digest: 'ab' } }], unreadable: null,
    });
    expect(answerView(JSON.stringify({ ok: false, problems: [{ code: 'body-too-large', params: { limit: 67108864 } }] }))).toEqual({
      state: 'refused', at: null, problems: [{ code: 'body-too-large', params: { limit: '67108864' } }], unreadable: null,
    });
    // A refusal with no reason says so (the page words it), not an empty list.
    expect(answerView('{"statusCode":404,"error":"Not Found"}')).toEqual({ state: 'refused', at: null, problems: [], unreadable: null });
  });

  it("is accepted when the office already counted this same result (another copy exported), refused when it says more", () => {
    const at = '2026-06-08T14:00:00.000Z';
    const same = { code: 'same-result', params: { section: '4', accepted: '2' } };
    expect(answerView(JSON.stringify({ ok: true, submission: { state: 'refused', receivedAt: at, problems: [same] } }))).toEqual({ state: 'accepted', at, problems: [same] });
    expect(answerView(JSON.stringify({ ok: true, submission: { state: 'refused', receivedAt: at, problems: [same, { code: 'other-election', params: { digest: 'ab' } }] } }))).toMatchObject({ state: 'refused' });
  });

  it('keeps what cannot be read as an answer as the text it was, cut short', () => {
    expect(answerView('<html>Bad gateway</html>')).toEqual({ state: 'refused', at: null, problems: [], unreadable: '<html>Bad gateway</html>' });
    expect(answerView('[1,2]')).toMatchObject({ state: 'refused', unreadable: '[1,2]' });
    expect(answerView('null')).toMatchObject({ state: 'refused', unreadable: 'null' });
    const long = answerView('x'.repeat(10_000)) as { unreadable: string };
    expect(long.unreadable).toHaveLength(ANSWER_LIMITS.unreadable);
    expect(long.unreadable.endsWith('…')).toBe(true);
  });

  it('takes only reasons that are objects, each code and figure as text, in bounded numbers and lengths', () => {
    expect(officeProblems([null, 3, 'x', [], { code: { toString: 1 }, params: { n: { toString: 1 }, list: [1, 2], flag: true } }])).toEqual([
      { code: '{"toString":1}', params: { n: '{"toString":1}', list: '[1,2]', flag: 'true' } },
    ]);
    expect(officeProblems({ code: 'x' })).toEqual([]);
    expect(officeProblems([{ params: 'not an object' }])).toEqual([{ code: '', params: {} }]);
    const many = officeProblems(Array.from({ length: 50 }, (_, i) => ({ code: `c${i}`, params: Object.fromEntries(Array.from({ length: 30 }, (_, k) => [`k${k}`.repeat(20), 'v'.repeat(1000)])) })));
    expect(many).toHaveLength(ANSWER_LIMITS.problems);
    const params = Object.entries(many[0]!.params);
    expect(params).toHaveLength(ANSWER_LIMITS.params);
    expect(params.every(([k, v]) => k.length === ANSWER_LIMITS.name && v.length === ANSWER_LIMITS.value && v.endsWith('…'))).toBe(true);
    // The verifier's detail (up to 300 characters at the office) reaches the president whole.
    expect(officeProblems([{ code: 'bundle-check-failed', params: { detail: 'd'.repeat(300) } }])[0]!.params.detail).toHaveLength(300);
  });

  it('gives a time only when it is one', () => {
    const refused = (receivedAt: unknown) => (answerView(JSON.stringify({ ok: true, submission: { state: 'refused', receivedAt, problems: [] } })) as { at: string | null }).at;
    expect(refused('soon')).toBeNull();
    expect(refused(12)).toBeNull();
    expect(refused(`2026-06-08T13:02:11Z${' '.repeat(50)}`)).toBeNull();
    expect(refused('2026-06-08T13:02:11Z')).toBe('2026-06-08T13:02:11Z');
  });

  it('is read up to its bound, the rest of an endless body left unfetched', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        if (pulled > 10_000) throw new Error('read past the bound');
        controller.enqueue(new Uint8Array(1024).fill(0x61));
      },
    });
    const text = await boundedText(new Response(endless), 64 * 1024);
    expect(text).toBe('a'.repeat(64 * 1024));
    expect(pulled).toBeLessThan(80);
    expect(await boundedText(new Response('{"ok":true}'), 64 * 1024)).toBe('{"ok":true}');
    expect(await boundedText(new Response(null), 64 * 1024)).toBe('');
  });
});
