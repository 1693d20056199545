import type { OrgRef } from '@union-graph/subgraph-kit';
import { shareWeights } from '../domain/allocation';
import { basisPointsOf, shareInBasisPoints, splitByWeights } from '../domain/money';
import { DEFAULT_FUND_RULES, fundRules } from '../rules';
import { prng } from './fixtures';

describe('splitByWeights (largest remainder)', () => {
  it('always adds up to the whole, each part within one fen of its exact share', () => {
    const rand = prng(13);
    for (let run = 0; run < 2000; run++) {
      const total = run % 10 === 0 ? rand(100) : rand(2 ** 31) * (1 + rand(1000));
      const weights = Array.from({ length: 1 + rand(7) }, () => rand(100));
      if (!weights.some((w) => w > 0)) weights[0] = 1;
      const parts = splitByWeights(total, weights);
      expect(parts.reduce((a, p) => a + p, 0)).toBe(total);
      const sum = weights.reduce((a, w) => a + w, 0);
      parts.forEach((p, i) => {
        expect(Number.isSafeInteger(p)).toBe(true);
        expect(Math.abs(p - (total * weights[i]!) / sum)).toBeLessThan(1 + 1e-6 * total);
        if (weights[i] === 0) expect(p).toBe(0);
      });
    }
  });

  it('gives leftover fen to the largest remainders, ties to the earlier part', () => {
    expect(splitByWeights(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(splitByWeights(1, [60, 20, 10, 5, 5])).toEqual([1, 0, 0, 0, 0]);
    expect(splitByWeights(7, [60, 20, 10, 5, 5])).toEqual([4, 2, 1, 0, 0]);
    expect(splitByWeights(Number.MAX_SAFE_INTEGER, [1, 2])).toEqual([3002399751580330, 6004799503160661]);
  });

  it('refuses weights that add up to nothing', () => {
    expect(() => splitByWeights(10, [0, 0])).toThrow(RangeError);
  });
});

describe('rates in basis points', () => {
  it('rounds half up to the fen', () => {
    expect(basisPointsOf(1_000_000, 200)).toBe(20_000);
    expect(basisPointsOf(25, 200)).toBe(1); // 0.5 fen rounds up
    expect(basisPointsOf(24, 200)).toBe(0); // 0.48 fen rounds down
    expect(basisPointsOf(99, 50)).toBe(0); // 0.495 fen
    expect(basisPointsOf(100, 50)).toBe(1); // 0.5 fen
    expect(basisPointsOf(Number.MAX_SAFE_INTEGER, 200)).toBe(180143985094820);
    expect(shareInBasisPoints(1, 10)).toBe(1000);
    expect(shareInBasisPoints(999, 10_000)).toBe(999);
    expect(shareInBasisPoints(5, 0)).toBe(0);
  });
});

describe('allocation share weights', () => {
  const org = (id: string, type: string, level: string | null): OrgRef => ({
    _id: id,
    name: id,
    type,
    level,
    status: 'ACTIVE',
    parentId: null,
    path: [],
    divisionCode: '440000',
    version: 1,
  });
  const nat = org('nat', 'NATIONAL_FEDERATION', 'NATIONAL');
  const prov = org('prov', 'LOCAL_FEDERATION', 'PROVINCE');
  const city = org('city', 'LOCAL_FEDERATION', 'CITY');
  const county = org('county', 'LOCAL_FEDERATION', 'COUNTY');
  const g = org('g', 'GRASSROOTS', null);
  const shares = DEFAULT_FUND_RULES.allocationShares;

  it('gives each level its weight on a full path', () => {
    expect(Object.fromEntries(shareWeights([nat, prov, city, county, g], shares))).toEqual({
      g: 60,
      county: 20,
      city: 10,
      prov: 5,
      nat: 5,
    });
  });

  it('moves a missing level up to the nearest level above, and the receiver keeps the levels below it', () => {
    expect(Object.fromEntries(shareWeights([nat, prov, g], shares))).toEqual({ g: 60, prov: 35, nat: 5 });
    expect(Object.fromEntries(shareWeights([nat, prov, city, county], shares))).toEqual({
      county: 80,
      city: 10,
      prov: 5,
      nat: 5,
    });
    expect(Object.fromEntries(shareWeights([g], shares))).toEqual({ g: 100 });
  });

  it('reads the split from UNION_GRAPH_RULES_FUNDS and refuses a malformed one', () => {
    const env = {
      UNION_GRAPH_RULES_FUNDS: JSON.stringify({ allocationShares: { GRASSROOTS: 70, NATIONAL: 30 } }),
    };
    expect(fundRules(env).allocationShares).toEqual({ GRASSROOTS: 70, NATIONAL: 30 });
    expect(() => fundRules({ UNION_GRAPH_RULES_FUNDS: '{"payrollRateBp": -1}' })).toThrow(/payrollRateBp/);
  });
});
