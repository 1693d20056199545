import { BadUserInputError, ConflictError, formatError, NotFoundError } from '../errors';
import { cliLanguage, defineMessages, inLanguage, renderMessage } from '../messages';
import { kitText } from '../texts';

const text = defineMessages('test', {
  tooMany: { zh: '{name} 最多 {max} 个', en: 'at most {max} {name}' },
  plain: { zh: '无参数', en: 'no parameters' },
});

describe('message catalog', () => {
  it('renders Chinese by default and English on request, with the parameters in place', () => {
    const m = text('tooMany', { name: '委员', max: 9 });
    expect(m.key).toBe('test.tooMany');
    expect([m.render(), m.render('en')]).toEqual(['委员 最多 9 个', 'at most 9 委员']);
    expect(text('plain').render('en')).toBe('no parameters');
  });

  it('checks keys and parameters at compile time (a missing one shows as its placeholder)', () => {
    // @ts-expect-error an unknown key
    expect(text('nope').key).toBe('test.nope');
    // @ts-expect-error a missing parameter
    expect(text('tooMany', { name: '委员' }).render()).toBe('委员 最多 {max} 个');
  });

  it('renders a message given as a parameter in the same language, also from its JSON', () => {
    const level = defineMessages('test-levels', { county: { zh: '县级', en: 'county-level' } });
    const nested = text('tooMany', { name: level('county'), max: 2 });
    expect([nested.render(), nested.render('en')]).toEqual(['县级 最多 2 个', 'at most 2 county-level']);
    const json = JSON.parse(JSON.stringify(nested.params)) as Record<string, unknown>;
    expect(renderMessage('test.tooMany', json, 'en')).toBe('at most 2 county-level');
  });

  it('refuses a catalog whose two texts name different parameters', () => {
    expect(() => defineMessages('bad', { x: { zh: '{a}', en: '{b}' } })).toThrow(/different parameters/);
  });

  it('renders an unknown key as itself, never as an empty string', () => {
    expect(renderMessage('nobody.knows', {}, 'en')).toBe('nobody.knows');
  });

  it('an error carries its Chinese text, the stable code, the key and the parameters', () => {
    const e = new BadUserInputError(kitText('tooLong', { path: 'input.name', max: 80 }), 'input.name');
    const formatted = formatError({ message: e.message, extensions: e.extensions }, e);
    expect(formatted).toEqual({
      message: 'input.name：不能超过 80 个字符',
      extensions: {
        code: 'BAD_USER_INPUT',
        field: 'input.name',
        messageKey: 'kit.tooLong',
        messageParams: { path: 'input.name', max: 80 },
      },
    });
    expect(inLanguage(formatted, 'en').message).toBe('input.name: at most 80 characters');
    expect(inLanguage(formatted, 'en').extensions).toEqual(formatted.extensions);
  });

  it('the kit words its own refusals from the catalog', () => {
    const notFound = new NotFoundError('Member', 'm1');
    expect(notFound.message).toBe('未找到 Member m1');
    expect(inLanguage({ message: notFound.message, extensions: notFound.extensions }, 'en').message).toBe(
      'Member m1 not found',
    );
    const conflict = new ConflictError(kitText('idempotencyKeyReused'), { field: 'idempotencyKey' });
    expect(conflict.extensions).toMatchObject({ code: 'CONFLICT', messageKey: 'kit.idempotencyKeyReused' });
  });

  it('an error without a catalog key is left as it is', () => {
    const formatted = { message: 'as written', extensions: { code: 'BAD_USER_INPUT' } };
    expect(inLanguage(formatted, 'en')).toBe(formatted);
  });

  it('command-line tools follow LANG: English only when it names English', () => {
    expect(cliLanguage({ LANG: 'en_US.UTF-8' })).toBe('en');
    expect(cliLanguage({ LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(cliLanguage({ LANG: 'C.UTF-8' })).toBe('zh');
    expect(cliLanguage({ LANG: 'zh_CN.UTF-8', LC_ALL: 'en_GB.UTF-8' })).toBe('en');
  });
});
