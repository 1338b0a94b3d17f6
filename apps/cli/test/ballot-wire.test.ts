// What a worker sends of a batch's results is read back, line for line, as the worker had them: the
// lines that pass as h and indexes, every other line whole, each selection sent once a file and then
// shared, as the worker shares it.
import { describe, expect, it } from 'vitest';
import type { Selection } from '@seggio/ballot-core';
import type { BallotResult } from '../src/verify/ballot.js';
import { ResultReader, ResultWriter } from '../src/verify/wire.js';

const hex = (n: number) => n.toString(16).padStart(64, '0');
const [a, b, blank]: [Selection, Selection, Selection] = [{ mayor: 'M1', list: 'L1', preferences: ['L1-C01'] }, { mayor: null, list: 'L2', preferences: [] }, { blank: true }];
const pass = (n: number, selection?: Selection, booth = 'B1', contest = 'COM-1'): BallotResult => (selection ? { h: hex(n), contest, booth, problems: [], selection } : { h: hex(n), contest, booth, problems: [] });

describe('the results of a batch between threads', () => {
  it('come back as they went, whatever mix of lines a batch holds', () => {
    const batches: BallotResult[][] = [
      [pass(1, a), pass(2, b, 'B2'), pass(3, a, 'B1', 'REF-1'), pass(4)],
      [
        { h: null, contest: null, booth: null, problems: ['not JSON'] },
        pass(5, b),
        { h: hex(6), contest: 'COM-1', booth: 'B9', problems: ['names booth B9, which is not in the set-up'] },
        { h: 'short', contest: 'COM-1', booth: 'B1', problems: [] },
        { h: hex(7), contest: null, booth: 'B1', problems: [] },
        pass(8, blank),
        pass(9, a),
      ],
      [],
      [pass(10, blank, 'B3'), { h: hex(11), contest: 'COM-1', booth: 'B1', problems: ['does not open with the urna key'] }],
    ];
    const [writer, reader] = [new ResultWriter(), new ResultReader()];
    const read = batches.map((batch) => reader.read(writer.write(batch)));
    expect(read).toEqual(JSON.parse(JSON.stringify(batches)));
    // One object for the lines that hold one selection, across batches: a selection is sent once.
    expect(read[1]![6]!.selection).toBe(read[0]![0]!.selection);
    expect(read[1]![1]!.selection).toBe(read[0]![1]!.selection);
    expect((JSON.parse(writer.write([pass(12, a), pass(13, b)])) as { fresh: unknown[] }).fresh).toEqual([]);
  });

  it('send a selection again when another object holds it, and past what the writer remembers', () => {
    const [writer, reader] = [new ResultWriter(), new ResultReader()];
    const many = Array.from({ length: 8200 }, (_, i) => pass(i, { mayor: null, list: `L${i}`, preferences: [] }));
    expect(JSON.stringify(reader.read(writer.write(many)))).toBe(JSON.stringify(many));
    // Those past the writer's memory are sent each time they come, and still read right.
    const again = [many[8199]!, many[0]!, pass(9000, { ...a })];
    const text = writer.write(again);
    expect((JSON.parse(text) as { fresh: unknown[] }).fresh).toEqual([many[8199]!.selection, a]);
    expect(reader.read(text)).toEqual(again);
  });
});

describe('an answer that does not add up', () => {
  const message = (wire: object) => JSON.stringify({ names: ['COM-1', 'B1'], fresh: [], rows: [0, 1, -1], hs: hex(1), whole: [], ...wire });

  it('is refused, never read as other results', () => {
    expect(new ResultReader().read(message({}))).toEqual([pass(1)]);
    for (const [what, wire] of [
      ['a selection not sent', { rows: [0, 1, 0] }],
      ['a selection index that is not whole', { fresh: [a, b], rows: [0, 1, 0.5] }],
      ['a name not sent', { rows: [0, 2, -1] }],
      ['a result not sent whole', { rows: [-1, 0, 0], hs: '' }],
      ['an h short', { rows: [0, 1, -1, 0, 1, -1] }],
      ['an h left over', { hs: hex(1) + hex(2) }],
      ['rows not in threes', { rows: [0, 1] }],
      ['no rows', { rows: null }],
    ] as const) {
      expect(() => new ResultReader().read(message(wire)), what).toThrow(/^a ballot worker's answer does not add up: /);
    }
  });
});
