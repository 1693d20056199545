import {
  creditCodeProblem,
  division,
  isDivisionCode,
  makeCreditCode,
  makeResidentId,
  parseResidentId,
  placeNames,
  residentIdProblem,
} from '..';

describe('resident ID numbers (GB 11643)', () => {
  it('accepts the standard example with its X check character', () => {
    expect(residentIdProblem('11010519491231002X')).toBeNull();
    expect(parseResidentId('11010519491231002X')).toEqual({
      divisionCode: '110105',
      birthDate: '1949-12-31',
      gender: 'FEMALE',
    });
  });

  it('refuses a wrong check character, an impossible date and a bad shape', () => {
    expect(residentIdProblem('110105194912310021')).toBe('has a wrong check character');
    expect(
      residentIdProblem(makeResidentId('110105', '1990-02-30', 11).replace('19900230', '19900230')),
    ).toBe('contains an impossible birth date');
    expect(residentIdProblem('1101051949123100')).toBe('must be 17 digits followed by a digit or X');
  });

  it('builds valid numbers whose sequence parity gives the gender', () => {
    const id = makeResidentId('440106', '1988-07-15', 123);
    expect(residentIdProblem(id)).toBeNull();
    expect(parseResidentId(id).gender).toBe('MALE');
  });
});

describe('unified social credit codes (GB 32100)', () => {
  it('accepts a published code and refuses a changed check character', () => {
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
    expect(creditCodeProblem('91350100M000100Y44')).toBe('has a wrong check character');
  });

  it('refuses letters outside the alphabet (I, O, Z, S, V)', () => {
    expect(creditCodeProblem('91350100M000100I43')).toMatch(/may only contain/);
  });

  it('builds valid union codes', () => {
    const code = makeCreditCode('81', '440106', 4242);
    expect(code.startsWith('81440106')).toBe(true);
    expect(creditCodeProblem(code)).toBeNull();
  });
});

describe('administrative divisions (GB/T 2260)', () => {
  it('knows provinces, cities and counties with 6-digit codes', () => {
    expect(division('440000')?.name).toBe('广东省');
    expect(division('440100')?.name).toBe('广州市');
    expect(placeNames('440106')).toEqual({ province: '广东省', city: '广州市', county: '天河区' });
    expect(isDivisionCode('449999')).toBe(false);
  });
});
