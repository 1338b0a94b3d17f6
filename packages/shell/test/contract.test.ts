// The contract's dispatcher, as both shells answer a page with it: only the contract's own methods, each
// input checked before its handler sees it, and a handler or check that throws made a rejected answer.
import { describe, expect, it } from 'vitest';
import { accept, dispatcher, malformed, noInput, withInput, type Dispatch } from '../src/common/contract.js';

const CONTRACT = {
  methods: {
    getView: noInput<string>(),
    rename: withInput<{ name: string }, { ok: boolean; error?: string }>((raw) =>
      typeof (raw as { name?: unknown } | null)?.name === 'string' ? accept({ name: (raw as { name: string }).name }) : malformed({ ok: false, error: 'give a name' }),
    ),
    broken: noInput<string>(),
  },
  events: {},
};

const seen: unknown[] = [];
const dispatch: Dispatch = dispatcher(CONTRACT, {
  getView: () => 'view',
  rename: (input) => {
    seen.push(input);
    return { ok: true };
  },
  broken: () => {
    throw new Error('disk gone');
  },
});
const answer = async (method: unknown, input?: unknown) => {
  const call = dispatch(method, input);
  return call.known ? await call.answer : 'unknown';
};

describe("a contract's dispatcher", () => {
  it('answers only methods the contract names as its own, not what an object inherits', async () => {
    expect(await answer('getView')).toBe('view');
    for (const method of ['stop', 'constructor', 'toString', '__proto__', 'hasOwnProperty', '', 7, null, ['getView']]) expect([method, await answer(method)]).toEqual([method, 'unknown']);
  });

  it('answers no handler the contract does not declare, even one given beside the others', () => {
    const wider = dispatcher(CONTRACT, { getView: () => 'view', rename: () => ({ ok: true }), broken: () => 'x', stop: () => 'stopped' } as never);
    expect(wider('stop', undefined).known).toBe(false);
    expect(wider('getView', undefined).known).toBe(true);
  });

  it("gives a malformed input the method's own refusal, and its handler never sees it", async () => {
    seen.length = 0;
    for (const bad of [undefined, null, 'x', { name: 3 }, []]) expect(await answer('rename', bad)).toEqual({ ok: false, error: 'give a name' });
    expect(seen).toEqual([]);
    expect(await answer('rename', { name: 'B1', extra: true })).toEqual({ ok: true });
    expect(seen).toEqual([{ name: 'B1' }]);
  });

  it('makes a handler that throws a rejected answer, not a throw in the shell', async () => {
    const call = dispatch('broken', undefined);
    expect(call.known).toBe(true);
    if (call.known) await expect(call.answer).rejects.toThrow('disk gone');
  });
});
