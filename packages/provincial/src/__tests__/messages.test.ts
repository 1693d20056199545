import { composeSupergraph, readSubgraphList } from '@union-graph/supergraph';
import { checkProvincialSchema } from '../check';
import { provincialInfo } from '../registry';

const coreSupergraphSdl = composeSupergraph(readSubgraphList().filter((e) => !provincialInfo(e.package)));
const sdl = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Honor { id: ID! }`;

describe('the provincial tools speak the terminal’s language', () => {
  const lang = { LANG: process.env.LANG, LC_ALL: process.env.LC_ALL };
  afterEach(() => {
    for (const [k, v] of Object.entries(lang))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  });
  const messageUnder = (locale: string) => {
    process.env.LC_ALL = '';
    process.env.LANG = locale;
    return checkProvincialSchema(sdl, { namespace: 'Gd', coreSupergraphSdl })[0]?.message;
  };

  it('Chinese by default', () => {
    expect(messageUnder('zh_CN.UTF-8')).toBe('类型 Honor 须以 "Gd" 开头（如 GdHonor），以免各省冲突');
    expect(messageUnder('C.UTF-8')).toBe('类型 Honor 须以 "Gd" 开头（如 GdHonor），以免各省冲突');
  });

  it('English when LANG names it', () => {
    expect(messageUnder('en_US.UTF-8')).toBe(
      'type Honor must start with "Gd" (e.g. GdHonor) so provinces cannot collide',
    );
  });
});
