import { describe, expect, it } from 'vitest';
import { traversalLatents, traversalOrder, traversalValues } from './traversal';

describe('traversals', () => {
  it('steps from −3 to 3', () => {
    expect(traversalValues(7)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
  });

  it('orders dimensions by variance, largest first, ties by index', () => {
    expect(traversalOrder(4, [0.1, 2, 0.1, 5])).toEqual([3, 1, 0, 2]);
    expect(traversalOrder(3, null)).toEqual([0, 1, 2]);
    expect(traversalOrder(3, [1, 2])).toEqual([0, 1, 2]);
  });

  it('varies one dimension per row and holds the others at the base code', () => {
    const z = traversalLatents([0.5, -1, 2], [2, 0], [-3, 3]);
    expect(Array.from(z)).toEqual([0.5, -1, -3, 0.5, -1, 3, -3, -1, 2, 3, -1, 2]);
  });
});
