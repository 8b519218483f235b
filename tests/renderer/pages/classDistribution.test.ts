// The class board's distribution of measured accuracies: ten bins from 0 to 1, 1.0 in the last, and a
// student whose weights could not be measured in none.

import { describe, expect, it } from 'vitest';
import type { Board } from '../../../main/api/contract';
import { accuracyBins } from '../../../renderer/class/distribution';

const row = (name: string, accuracy: number | null): Board['rows'][number] => ({
  rank: 1,
  student: { name, number: '' },
  file: `${name}.json`,
  handedInAt: '2026-12-06T10:00:00Z',
  late: false,
  best: accuracy === null ? null : 0,
  runs:
    accuracy === null
      ? []
      : [
          {
            name: 'r',
            uid: name,
            optimizer: 'sgd lr=0.1',
            epochs: 3,
            measured: { accuracy, loss: 0, correct: 0, count: 1 },
            problem: null,
            claimedTestAcc: null,
            claimGap: null,
            curve: [],
            lockBreak: null,
          },
        ],
  goalMet: false,
  flags: [],
});

describe('the distribution of the class’s measured accuracies', () => {
  it('puts each measured student in the bin of their accuracy, 1.0 in the last', () => {
    const bins = accuracyBins({ rows: [row('Ahn', 0.97), row('Baek', 1), row('Cho', 0.05), row('Dan', 0.95), row('Eun', null)] });
    expect(bins).toHaveLength(10);
    expect(bins.map((b) => b.count)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 3]);
    expect(bins[9]!.names).toEqual(['Ahn', 'Baek', 'Dan']);
    expect(bins[0]).toEqual({ from: 0, count: 1, names: ['Cho'] });
  });
});
