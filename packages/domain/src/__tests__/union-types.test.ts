import { regionCodesOf, UNION_TYPE_NAMES, unionTypeName } from '..';

describe('union types and the regions statistics group by', () => {
  it('names every union type in Chinese and English, and no unknown code', () => {
    expect(unionTypeName('JOINT_GRASSROOTS')).toBe('联合基层工会');
    expect(unionTypeName('JOINT_GRASSROOTS', 'en')).toBe('Joint basic-level union');
    expect(unionTypeName('NO_SUCH_TYPE')).toBeNull();
    for (const [code, names] of Object.entries(UNION_TYPE_NAMES))
      expect([code, names.zh.length > 0, /^[A-Z]/.test(names.en)]).toEqual([code, true, true]);
  });

  it('places a county, a township in its county, a municipal district, a province and an unknown code', () => {
    expect(regionCodesOf('440106')).toEqual({ province: '440000', city: '440100', county: '440106' });
    expect(regionCodesOf('440106001')).toEqual(regionCodesOf('440106'));
    expect(regionCodesOf('110105')).toEqual({ province: '110000', city: '110000', county: '110105' });
    expect(regionCodesOf('440000')).toEqual({ province: '440000', city: null, county: null });
    expect(regionCodesOf('999999')).toEqual({ province: null, city: null, county: null });
  });
});
