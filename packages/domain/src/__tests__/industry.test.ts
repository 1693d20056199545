import {
  INDUSTRY_DIVISIONS,
  INDUSTRY_SECTIONS,
  industryDivision,
  industrySection,
  ownershipOf,
  unitSizeBand,
} from '../industry';

describe('GB/T 4754-2017 industries', () => {
  it('has 20 sections A–T and 97 divisions 01–97, each in one section', () => {
    expect(INDUSTRY_SECTIONS.map((s) => s.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    expect(INDUSTRY_DIVISIONS.map((d) => d.code)).toEqual(
      Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
    const perSection = Object.fromEntries(
      INDUSTRY_SECTIONS.map((s) => [s.code, INDUSTRY_DIVISIONS.filter((d) => d.section === s.code).length]),
    );
    expect(perSection).toEqual({
      A: 5,
      B: 7,
      C: 31,
      D: 3,
      E: 4,
      F: 2,
      G: 8,
      H: 2,
      I: 3,
      J: 4,
      K: 1,
      L: 2,
      M: 3,
      N: 4,
      O: 3,
      P: 1,
      Q: 2,
      R: 5,
      S: 6,
      T: 1,
    });
  });

  it('looks codes up, and knows no other', () => {
    expect(industryDivision('13')).toEqual({ code: '13', name: '农副食品加工业', section: 'C' });
    expect(industryDivision('43')?.name).toBe('金属制品、机械和设备修理业');
    expect(industryDivision('44')?.section).toBe('D');
    expect(industryDivision('96')?.name).toBe('基层群众自治组织及其他组织');
    expect(industrySection('C')?.name).toBe('制造业');
    for (const code of ['00', '98', '1', '013', 'C']) expect(industryDivision(code)).toBeUndefined();
    expect(industrySection('U')).toBeUndefined();
  });
});

describe('host-unit ownership and size', () => {
  it('bands employees at R1’s 25, then 100, 500 and 1,000', () => {
    expect([0, 24, 25, 99, 100, 499, 500, 999, 1000].map(unitSizeBand)).toEqual([
      'UNDER_25',
      'UNDER_25',
      'FROM_25_TO_99',
      'FROM_25_TO_99',
      'FROM_100_TO_499',
      'FROM_100_TO_499',
      'FROM_500_TO_999',
      'FROM_500_TO_999',
      'FROM_1000',
    ]);
  });

  it('takes the usual ownership of a kind where none is recorded', () => {
    expect(ownershipOf({ kind: 'STATE_OWNED_ENTERPRISE' })).toBe('STATE');
    expect(ownershipOf({ kind: 'NON_PUBLIC_ENTERPRISE' })).toBe('PRIVATE');
    expect(ownershipOf({ kind: 'NON_PUBLIC_ENTERPRISE', ownership: 'FOREIGN_INVESTED' })).toBe(
      'FOREIGN_INVESTED',
    );
    expect(ownershipOf({ kind: 'SOCIAL_ORGANIZATION', ownership: null })).toBe('SOCIAL_ORGANIZATION');
  });
});
