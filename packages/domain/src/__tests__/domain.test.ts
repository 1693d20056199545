import {
  creditCodeProblem,
  division,
  divisionsUnder,
  isDivisionCode,
  isMunicipality,
  makeCreditCode,
  makeResidentId,
  parseResidentId,
  placeNames,
  residentIdProblem,
  townshipsOf,
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

describe('the administrative tree the union tree follows', () => {
  it('puts a municipality’s districts and counties directly under it, named after it as their city', () => {
    const beijing = divisionsUnder('110000');
    expect(beijing.length).toBe(16);
    expect(beijing.every((d) => d.level === 'COUNTY')).toBe(true);
    expect(beijing[0]).toMatchObject({ code: '110101', name: '东城区', cityCode: '110000' });
    expect(placeNames('110101')).toEqual({ province: '北京市', city: '北京市', county: '东城区' });
    // Chongqing's 市辖区 and 县 groupings both fold into the municipality.
    const chongqing = divisionsUnder('500000').map((d) => d.name);
    expect(chongqing).toEqual(expect.arrayContaining(['万州区', '城口县']));
    expect(chongqing).not.toContain('县');
    expect([isMunicipality('310115'), isMunicipality('440106')]).toEqual([true, false]);
  });

  it('puts a province’s cities under it, and the county-level cities it administers directly', () => {
    const henan = divisionsUnder('410000');
    expect(henan.filter((d) => d.level === 'CITY').map((d) => d.name)).toContain('郑州市');
    expect(henan.filter((d) => d.level === 'COUNTY').map((d) => d.name)).toEqual(['济源市']);
    expect(henan.some((d) => d.name.includes('直辖'))).toBe(false);
    expect(divisionsUnder('440100').map((d) => d.name)).toContain('天河区');
    expect(divisionsUnder('440106').length).toBe(0);
  });

  it('knows the real townships and streets of a county', () => {
    const streets = townshipsOf('110101');
    expect(streets[0]).toEqual({ code: '110101001', name: '东华门街道', countyCode: '110101' });
    expect(streets.map((t) => t.name)).toContain('景山街道');
    expect(townshipsOf('449999')).toEqual([]);
  });
});
