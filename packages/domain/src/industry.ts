/**
 * 国民经济行业分类 GB/T 4754-2017 (with amendment 1 of 2019, which renamed no section or division):
 * the 20 sections (门类, A–T) and 97 divisions (大类, 01–97) a host unit's industry is recorded in,
 * and the host-unit facts statistics group by (issue #19).
 */

export interface IndustrySection {
  /** A–T */
  code: string;
  name: string;
}

export interface IndustryDivision {
  /** Two digits, 01–97. */
  code: string;
  name: string;
  /** Its section's letter. */
  section: string;
}

/** Each section with the divisions it spans (first and last code) and their names in code order. */
const TABLE: [string, string, number, string[]][] = [
  ['A', '农、林、牧、渔业', 1, ['农业', '林业', '畜牧业', '渔业', '农、林、牧、渔专业及辅助性活动']],
  [
    'B',
    '采矿业',
    6,
    [
      '煤炭开采和洗选业',
      '石油和天然气开采业',
      '黑色金属矿采选业',
      '有色金属矿采选业',
      '非金属矿采选业',
      '开采专业及辅助性活动',
      '其他采矿业',
    ],
  ],
  [
    'C',
    '制造业',
    13,
    [
      '农副食品加工业',
      '食品制造业',
      '酒、饮料和精制茶制造业',
      '烟草制品业',
      '纺织业',
      '纺织服装、服饰业',
      '皮革、毛皮、羽毛及其制品和制鞋业',
      '木材加工和木、竹、藤、棕、草制品业',
      '家具制造业',
      '造纸和纸制品业',
      '印刷和记录媒介复制业',
      '文教、工美、体育和娱乐用品制造业',
      '石油、煤炭及其他燃料加工业',
      '化学原料和化学制品制造业',
      '医药制造业',
      '化学纤维制造业',
      '橡胶和塑料制品业',
      '非金属矿物制品业',
      '黑色金属冶炼和压延加工业',
      '有色金属冶炼和压延加工业',
      '金属制品业',
      '通用设备制造业',
      '专用设备制造业',
      '汽车制造业',
      '铁路、船舶、航空航天和其他运输设备制造业',
      '电气机械和器材制造业',
      '计算机、通信和其他电子设备制造业',
      '仪器仪表制造业',
      '其他制造业',
      '废弃资源综合利用业',
      '金属制品、机械和设备修理业',
    ],
  ],
  [
    'D',
    '电力、热力、燃气及水生产和供应业',
    44,
    ['电力、热力生产和供应业', '燃气生产和供应业', '水的生产和供应业'],
  ],
  ['E', '建筑业', 47, ['房屋建筑业', '土木工程建筑业', '建筑安装业', '建筑装饰、装修和其他建筑业']],
  ['F', '批发和零售业', 51, ['批发业', '零售业']],
  [
    'G',
    '交通运输、仓储和邮政业',
    53,
    [
      '铁路运输业',
      '道路运输业',
      '水上运输业',
      '航空运输业',
      '管道运输业',
      '多式联运和运输代理业',
      '装卸搬运和仓储业',
      '邮政业',
    ],
  ],
  ['H', '住宿和餐饮业', 61, ['住宿业', '餐饮业']],
  [
    'I',
    '信息传输、软件和信息技术服务业',
    63,
    ['电信、广播电视和卫星传输服务', '互联网和相关服务', '软件和信息技术服务业'],
  ],
  ['J', '金融业', 66, ['货币金融服务', '资本市场服务', '保险业', '其他金融业']],
  ['K', '房地产业', 70, ['房地产业']],
  ['L', '租赁和商务服务业', 71, ['租赁业', '商务服务业']],
  ['M', '科学研究和技术服务业', 73, ['研究和试验发展', '专业技术服务业', '科技推广和应用服务业']],
  [
    'N',
    '水利、环境和公共设施管理业',
    76,
    ['水利管理业', '生态保护和环境治理业', '公共设施管理业', '土地管理业'],
  ],
  ['O', '居民服务、修理和其他服务业', 80, ['居民服务业', '机动车、电子产品和日用产品修理业', '其他服务业']],
  ['P', '教育', 83, ['教育']],
  ['Q', '卫生和社会工作', 84, ['卫生', '社会工作']],
  [
    'R',
    '文化、体育和娱乐业',
    86,
    ['新闻和出版业', '广播、电视、电影和录音制作业', '文化艺术业', '体育', '娱乐业'],
  ],
  [
    'S',
    '公共管理、社会保障和社会组织',
    91,
    [
      '中国共产党机关',
      '国家机构',
      '人民政协、民主党派',
      '社会保障',
      '群众团体、社会团体和其他成员组织',
      '基层群众自治组织及其他组织',
    ],
  ],
  ['T', '国际组织', 97, ['国际组织']],
];

export const INDUSTRY_SECTIONS: readonly IndustrySection[] = TABLE.map(([code, name]) => ({ code, name }));

export const INDUSTRY_DIVISIONS: readonly IndustryDivision[] = TABLE.flatMap(([section, , first, names]) =>
  names.map((name, i) => ({ code: String(first + i).padStart(2, '0'), name, section })),
);

const sections = new Map(INDUSTRY_SECTIONS.map((s) => [s.code, s]));
const divisions = new Map(INDUSTRY_DIVISIONS.map((d) => [d.code, d]));

/** A section by its letter (A–T). */
export function industrySection(code: string): IndustrySection | undefined {
  return sections.get(code);
}

/** A division by its two digits (`13`), or undefined for a code GB/T 4754-2017 does not have. */
export function industryDivision(code: string): IndustryDivision | undefined {
  return divisions.get(code);
}

/**
 * 经济类型 Who owns a host unit, as union statistics count it. A unit's kind (国有企业, 非公有制企业,
 * 机关, 事业单位, 社会组织) narrows it: an enterprise of public ownership is state or collective, a
 * non-public one private or foreign-invested (港澳台 included); the other kinds are their own.
 */
export const OWNERSHIPS = [
  'STATE',
  'COLLECTIVE',
  'PRIVATE',
  'FOREIGN_INVESTED',
  'GOVERNMENT_AGENCY',
  'PUBLIC_INSTITUTION',
  'SOCIAL_ORGANIZATION',
] as const;
export type Ownership = (typeof OWNERSHIPS)[number];

/** The ownerships a kind of host unit allows, the usual one first (what an unstated ownership is). */
export const OWNERSHIPS_OF_KIND: Readonly<Record<string, readonly Ownership[]>> = {
  STATE_OWNED_ENTERPRISE: ['STATE', 'COLLECTIVE'],
  NON_PUBLIC_ENTERPRISE: ['PRIVATE', 'FOREIGN_INVESTED'],
  GOVERNMENT_AGENCY: ['GOVERNMENT_AGENCY'],
  PUBLIC_INSTITUTION: ['PUBLIC_INSTITUTION'],
  SOCIAL_ORGANIZATION: ['SOCIAL_ORGANIZATION'],
};

/** Each ownership named in Chinese and English, for the statistics that group by it. */
const OWNERSHIP_NAMES: Readonly<Record<Ownership, { zh: string; en: string }>> = {
  STATE: { zh: '国有', en: 'State' },
  COLLECTIVE: { zh: '集体', en: 'Collective' },
  PRIVATE: { zh: '私营', en: 'Private' },
  FOREIGN_INVESTED: { zh: '外商及港澳台投资', en: 'Foreign, Hong Kong, Macao or Taiwan invested' },
  GOVERNMENT_AGENCY: { zh: '机关', en: 'Government agency' },
  PUBLIC_INSTITUTION: { zh: '事业单位', en: 'Public institution' },
  SOCIAL_ORGANIZATION: { zh: '社会组织', en: 'Social organization' },
};

/** An ownership's name in `language` (Chinese by default); null for a code not in the list. */
export function ownershipName(code: string, language: 'zh' | 'en' = 'zh'): string | null {
  return OWNERSHIP_NAMES[code as Ownership]?.[language] ?? null;
}

/** A unit's ownership, or the usual one of its kind where none was recorded. */
export function ownershipOf(unit: { kind: string; ownership?: Ownership | null }): Ownership | null {
  return unit.ownership ?? OWNERSHIPS_OF_KIND[unit.kind]?.[0] ?? null;
}

/**
 * 单位规模 Employee-count bands. The first bound is R1's: from 25 employees a unit should have a
 * union of its own; the others follow the usual statistical size classes.
 */
export const UNIT_SIZE_BANDS = [
  'UNDER_25',
  'FROM_25_TO_99',
  'FROM_100_TO_499',
  'FROM_500_TO_999',
  'FROM_1000',
] as const;
export type UnitSizeBand = (typeof UNIT_SIZE_BANDS)[number];

const SIZE_BOUNDS = [25, 100, 500, 1000];

/** The band of a unit with `employees` employees. */
export function unitSizeBand(employees: number): UnitSizeBand {
  const i = SIZE_BOUNDS.findIndex((bound) => employees < bound);
  return UNIT_SIZE_BANDS[i < 0 ? SIZE_BOUNDS.length : i]!;
}
