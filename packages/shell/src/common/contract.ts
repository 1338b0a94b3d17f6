// An app's contract with its page (docs/design.md §1), declared once: each method's name, the check of
// the input that crossed from the page, and what the page is told when the service cannot be reached;
// and the names of the events the page hears. The Electron IPC handler, the web shell, the preload and
// the page's bridge are all derived from that one declaration. Runs anywhere: no Node, no DOM.

/** What a check makes of an input from the page: the input the method takes, or the method's own answer to a malformed one. */
export type Checked<In, Out> = { readonly ok: true; readonly input: In } | { readonly ok: false; readonly answer: Out };

/**
 * What the page is told of an action the service could not be asked (its link is down): `reason` and
 * `reasons` refuse it like any other refusal, with one reason or a list of them; `fail` is not
 * refused but fails (a read: the page asks again once the service is back).
 */
export type WhenLost = 'fail' | 'reason' | 'reasons';

export interface Method<In, Out> {
  readonly check: (raw: unknown) => Checked<In, Out>;
  readonly lost: WhenLost;
}

/** An event the page hears; its type only. */
export interface Event<Data> {
  readonly data?: Data;
}

export interface Contract {
  // `any` here: each method's own types are kept by CallsOf, the record only holds them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly methods: Readonly<Record<string, Method<any, any>>>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly events: Readonly<Record<string, Event<any>>>;
}

export const accept = <In>(input: In): Checked<In, never> => ({ ok: true, input });
export const malformed = <Out>(answer: Out): Checked<never, Out> => ({ ok: false, answer });

/** A method that takes no input: whatever the page sends with it is dropped. */
export function noInput<Out>(lost: WhenLost = 'fail'): Method<undefined, Out> {
  return { check: () => accept(undefined), lost };
}

/** A method whose input is checked by `check`; Out is the method's answer, named by the caller. */
export function withInput<In, Out>(check: (raw: unknown) => Checked<In, Out>, lost: WhenLost = 'fail'): Method<In, Out> {
  return { check, lost };
}

export const event = <Data>(): Event<Data> => ({});

/** The calls of a contract, by name: what each takes and what it answers. */
export type CallsOf<C extends Contract> = {
  [M in keyof C['methods'] & string]: C['methods'][M] extends Method<infer In, infer Out> ? { input: In; output: Out } : never;
};
/** The events of a contract, by name: what each carries. */
export type EventsOf<C extends Contract> = { [E in keyof C['events'] & string]: C['events'][E] extends Event<infer Data> ? Data : never };

/** The service's side of a contract: one handler per method, given the input its check accepted. */
export type Handlers<C extends Contract> = { [M in keyof CallsOf<C>]: (input: CallsOf<C>[M]['input']) => CallsOf<C>[M]['output'] | Promise<CallsOf<C>[M]['output']> };

/** The page's side, whatever carries it (the preload's `window.seggio` or the web shell's socket). */
export interface Bridge<C extends Contract> {
  call<M extends keyof CallsOf<C> & string>(method: M, input?: CallsOf<C>[M]['input']): Promise<CallsOf<C>[M]['output']>;
  on<E extends keyof EventsOf<C> & string>(event: E, listener: (data: EventsOf<C>[E]) => void): () => void;
}

/** A page's call as a shell answers it: `unknown` for a method not in the contract (the shell refuses it), else the answer. */
export type Dispatch = (method: unknown, raw: unknown) => { readonly known: false } | { readonly known: true; readonly answer: Promise<unknown> };

/**
 * How both shells answer a page: only a method of the contract (by its own name, not one inherited
 * from Object), its input checked before its handler sees it.
 */
export function dispatcher<C extends Contract>(contract: C, handlers: Handlers<C>): Dispatch {
  const table = handlers as unknown as Record<string, (input: unknown) => unknown>;
  return (method, raw) => {
    if (typeof method !== 'string' || !Object.hasOwn(contract.methods, method)) return { known: false };
    // A check or a handler that throws rejects the answer: the shell says so to the page and lives on.
    const answer = Promise.resolve().then(() => {
      const checked: Checked<unknown, unknown> = contract.methods[method]!.check(raw);
      return checked.ok ? table[method]!(checked.input) : checked.answer;
    });
    return { known: true, answer };
  };
}

/** The service's side of a contract's events: each subscribes a listener and returns the unsubscribe. */
export type EventSources<C extends Contract> = { [E in keyof EventsOf<C>]: (listener: (data: EventsOf<C>[E]) => void) => () => void };

/** What a shell hosts for its page, whichever shell it is: the contract's dispatcher and its events' sources. */
export interface Hosted {
  readonly dispatch: Dispatch;
  readonly events: Readonly<Record<string, (listener: (data: unknown) => void) => () => void>>;
}

/** The contract's dispatcher and event sources, for either shell. */
export function host<C extends Contract>(contract: C, handlers: Handlers<C>, events: EventSources<C>): Hosted {
  return { dispatch: dispatcher(contract, handlers), events };
}
