import { describe, expect, it } from 'vitest';
import { figure } from './figure.mjs';
import { interleave, median } from './stats.mjs';

/** The bench's verdicts: a wrong "met" would hide a regression, a wrong "missed" send someone chasing one. */
describe('bench figures', () => {
  const baseline = { label: 'floor', samples: [100, 90, 110] };

  it('compares the medians, holds a ratio target inclusively and a strict one exclusively', () => {
    const at = figure({ id: 'x', title: 'x', samples: [130, 500, 120], baseline, target: { text: '≤ 1.3×', ratio: 1.3 } });
    expect(at).toMatchObject({ median: 130, ratio: 1.3, status: 'pass' });
    expect(figure({ id: 'x', title: 'x', samples: [131], baseline, target: { text: '≤ 1.3×', ratio: 1.3 } }).status).toBe('miss');
    expect(figure({ id: 'x', title: 'x', samples: [100], baseline, target: { text: '< 1.0×', ratio: 1, strict: true } }).status).toBe('miss');
    expect(figure({ id: 'x', title: 'x', samples: [99], baseline, target: { text: '< 1.0×', ratio: 1, strict: true } }).status).toBe('pass');
    // A figure shown for what it tells (how a cost grows) is held to nothing, whatever its ratio.
    expect(figure({ id: 'x', title: 'x', samples: [500], baseline, target: { text: 'none' } })).toMatchObject({ ratio: 5, status: 'info' });
  });

  it('holds a time target on the median and a worst-case target on the slowest sample', () => {
    const target = { text: '< 16 ms median, < 50 ms worst', below: 16, worstBelow: 50 };
    expect(figure({ id: 'k', title: 'k', samples: [10, 12, 49], target }).status).toBe('pass');
    expect(figure({ id: 'k', title: 'k', samples: [10, 12, 50], target }).status).toBe('miss');
    expect(figure({ id: 'k', title: 'k', samples: [16, 16, 10], target }).status).toBe('miss');
  });

  it('takes the middle of an even count as the mean of the two middle samples', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('interleaves the contenders and rotates who goes first, after an untimed warm-up round', async () => {
    const calls: string[] = [];
    const contender = (name: string) => async () => (calls.push(name), 1);
    const samples = await interleave({ a: contender('a'), b: contender('b') }, { rounds: 2 });
    expect(calls).toEqual(['a', 'b', 'a', 'b', 'b', 'a']);
    expect(samples).toEqual({ a: [1, 1], b: [1, 1] });
  });
});
