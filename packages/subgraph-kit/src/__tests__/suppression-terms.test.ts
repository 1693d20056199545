import { suppressedCells, suppressedTerms, withheldCells } from '../statistics';

/**
 * Complementary suppression over counts tied by known sums (issue #19): a union's subtree count is
 * its own count plus its children's subtree counts, so each such sum is a line.
 */
describe('suppressedTerms', () => {
  // 0 own(A) 3 · 1 S(A) 14 · 2 own(B) 6 · 3 S(B) 6 · 4 own(C) 5 · 5 S(C) 5 (B and C: A's children).
  const counts = [3, 14, 6, 6, 5, 5];
  const tree = () => [
    [0, 3, 5, 1],
    [2, 3],
    [4, 5],
  ];

  it("gives a union's own count under k the smallest partner of its sum, and follows it down", () => {
    // S(C) is A's smallest other term; then C's own line holds it alone, so own(C) goes too.
    expect([...suppressedTerms(counts, tree, 5)].sort()).toEqual([0, 4, 5]);
    // Subtraction can no longer give own(A): 14 − 6 − S(C) has S(C) unknown.
  });

  it('prefers a partner that completes another line with a lone withheld term', () => {
    // own(B) of 2 is withheld too: S(B) completes both A's line and B's, so it is chosen over S(C).
    expect([...suppressedTerms([3, 16, 2, 8, 5, 5], tree, 5)].sort()).toEqual([0, 2, 3]);
  });

  it('never takes a zero as partner, and computes no lines when nothing is under k', () => {
    expect([...suppressedTerms([3, 3, 0], () => [[0, 2, 1]], 5)].sort()).toEqual([0, 1]);
    const lines = jest.fn(tree);
    expect(suppressedTerms([0, 14, 9, 9, 5, 5], lines, 5).size).toBe(0);
    expect(lines).not.toHaveBeenCalled();
  });

  it('withholds what is already withheld for another reason the same way', () => {
    // B and C tie at 5: the first is taken, then B's own line follows.
    expect([...suppressedTerms([10, 20, 5, 5, 5, 5], tree, 5, [0])].sort()).toEqual([0, 2, 3]);
  });
});

describe('withheldCells', () => {
  const cell = (code: string, count: number) => ({ codes: [code], count });

  it('withholds every cell about anybody when the table counts fewer than k, keeping known zeros', () => {
    expect([...withheldCells([cell('a', 2), cell('b', 0), cell('c', 1)], 5)]).toEqual([0, 2]);
  });

  it('withholds the whole table when told it is too few (its scope is withheld elsewhere)', () => {
    expect([...withheldCells([cell('a', 20), cell('b', 30)], 5, { tooFew: true })]).toEqual([0, 1]);
  });

  it('else suppresses cells under k and their partners, over cells withheld already', () => {
    const cells = [cell('a', 3), cell('b', 30), cell('c', 40)];
    expect([...withheldCells(cells, 5)].sort()).toEqual([...suppressedCells(cells, 5)].sort());
    expect([...withheldCells(cells, 5)].sort()).toEqual([0, 1]);
    // c withheld already is a partner enough: b stays.
    expect([...withheldCells(cells, 5, { tooFew: false, withheld: [2] })].sort()).toEqual([0, 2]);
  });
});
