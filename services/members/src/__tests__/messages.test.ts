import { makeCreditCode, makeResidentId } from '@union-graph/domain';
import { detailProblems, residentIdText } from '../domain/person';

/**
 * @union-graph/domain says why a number is wrong in English fragments; each must reach its own
 * catalog entry, not the generic one that carries the fragment as it is.
 */
describe('the reasons of the number checks, as catalog entries', () => {
  const valid = makeResidentId('110105', '1990-01-01', 123);

  it('words every resident ID reason', () => {
    const cases: [string, string, string][] = [
      ['1101051990010112', 'members.residentIdFormat', '身份证号码须为 17 位数字加 1 位数字或 X'],
      [`11010519900230${valid.slice(14)}`, 'members.residentIdBirthDate', '身份证号码中的出生日期不存在'],
      [
        makeResidentId('110105', '1899-12-31', 1),
        'members.residentIdBirthRange',
        '身份证号码中的出生日期超出范围',
      ],
      [
        `${valid.slice(0, 17)}${valid[17] === '0' ? '1' : '0'}`,
        'members.residentIdCheck',
        '身份证号码校验码错误',
      ],
    ];
    for (const [id, key, zh] of cases) {
      const message = residentIdText(id);
      expect({ key: message?.key, zh: message?.render() }).toEqual({ key, zh });
    }
    expect(residentIdText(valid)).toBeNull();
  });

  it('words every credit code reason, and the mobile number', () => {
    const code = makeCreditCode('91', '110105', 1);
    const keyOf = (employerCreditCode: string) => detailProblems({ employerCreditCode })[0]?.message.key;
    expect(keyOf(code.slice(0, 17))).toBe('members.creditCodeLength');
    expect(keyOf(`${code.slice(0, 17)}I`)).toBe('members.creditCodeCharacters');
    expect(keyOf(`${code.slice(0, 17)}${code[17] === '0' ? '1' : '0'}`)).toBe('members.creditCodeCheck');
    expect(keyOf(code)).toBeUndefined();
    const [mobile] = detailProblems({ mobile: '12800138000' });
    expect(mobile?.message.render('en')).toBe(
      'mobile number must be an 11-digit mainland mobile number starting 13–19',
    );
  });
});
