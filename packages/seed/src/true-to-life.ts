import type { Faker } from '@faker-js/faker';
import {
  type Division,
  division,
  divisionsAt,
  isMunicipality,
  type Township,
  townshipsOf,
} from '@union-graph/domain';

/**
 * What makes the demo read like real union records (issue #24): units named for their own place,
 * township and street names from the statistics bureau's division codes, migrant workers whose
 * resident IDs carry their home county, and nobody joining before the legal working age.
 */

/** Labour Law art. 15: no one works, and so joins a union, before 16. */
export const MIN_JOINING_AGE = 16;

/** The earliest a person born on `birth` (YYYY-MM-DD) may have joined, and not before `from`. */
export function joinableFrom(birth: string, from: Date | string): Date {
  const [y, m, d] = birth.split('-').map(Number) as [number, number, number];
  return new Date(Math.max(Date.UTC(y + MIN_JOINING_AGE, m - 1, d), new Date(from).getTime()));
}

/** A division's name as units and businesses use it: 北京, 广州, 广东, 内蒙古, 延边朝鲜族自治州. */
export function shortName(d: Division): string {
  const short = d.name.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/, '');
  return short.length >= 2 ? short : d.name;
}

/**
 * The township or street federation of a county sits at the one whose name sorts first, so a
 * county's first child (work committees and sectoral federations take other names) leads down to
 * grassroots unions. Every county of the data set has at least one.
 */
export function firstTownship(countyCode: string): Township {
  return [...townshipsOf(countyCode)].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))[0]!;
}

/** The county's other townships, in code order: where work committees still stand (§5). */
export function otherTownships(countyCode: string): Township[] {
  const first = firstTownship(countyCode).code;
  return townshipsOf(countyCode).filter((t) => t.code !== first);
}

/** The line of business a unit's name states, which decides its share of migrant workers. */
export type Industry = 'MANUFACTURING' | 'CONSTRUCTION' | 'SERVICES' | 'OTHER';

/** 字号: invented trade names of the common auspicious kind, none a well-known company's. */
const TRADE_NAMES =
  '宏达 恒泰 鑫源 华信 永盛 金鼎 瑞丰 嘉禾 远航 新程 天成 博远 润泽 立信 汇通 星辉 锦程 万邦 正阳 和顺 凯旋 安泰 富民 德众 信诚 兴业'.split(
    ' ',
  );

const LINES: Record<Industry, string[]> = {
  MANUFACTURING: [
    '精密机械',
    '电子科技',
    '纺织',
    '服装',
    '食品',
    '汽车零部件',
    '塑胶制品',
    '五金制品',
    '家具',
  ],
  CONSTRUCTION: ['建筑工程', '建设工程', '装饰工程', '路桥工程', '建材'],
  SERVICES: ['物流', '物业服务', '餐饮管理', '酒店管理', '商贸', '家政服务', '保安服务', '连锁超市'],
  OTHER: ['信息技术', '网络科技', '软件', '文化传媒', '医药', '检测技术', '管理咨询'],
};

const INDUSTRIES: { weight: number; value: Industry }[] = [
  { weight: 35, value: 'MANUFACTURING' },
  { weight: 15, value: 'CONSTRUCTION' },
  { weight: 30, value: 'SERVICES' },
  { weight: 20, value: 'OTHER' },
];

const LEGAL_FORMS = [
  { weight: 6, value: '有限公司' },
  { weight: 2, value: '有限责任公司' },
  { weight: 1, value: '股份有限公司' },
  { weight: 1, value: '集团有限公司' },
];

/**
 * An enterprise name as registration rules build it — place, trade name, line of business, legal
 * form (北京宏达精密机械有限公司) — the place being the unit's own city, now and then its province.
 */
export function enterpriseName(faker: Faker, countyCode: string): { name: string; industry: Industry } {
  const county = division(countyCode)!;
  const city = county.cityCode ? division(county.cityCode) : undefined;
  // 省直辖县级行政区划 is no place: a county-level city the province administers goes by its own name.
  const own = city && !city.name.includes('直辖') ? city : county;
  const industry = faker.helpers.weightedArrayElement(INDUSTRIES);
  const place = faker.helpers.weightedArrayElement([
    { weight: 4, value: own },
    { weight: 1, value: division(county.provinceCode)! },
  ]);
  const name = `${shortName(place)}${faker.helpers.arrayElement(TRADE_NAMES)}${faker.helpers.arrayElement(LINES[industry])}${faker.helpers.weightedArrayElement(LEGAL_FORMS)}`;
  return { name, industry };
}

const SHOPS = '便利店 家常菜馆 理发店 五金店 汽车修理部 水果店 面馆 干洗店 图文打印社 药房'.split(' ');

/** 个体工商户 (credit codes of type 92): the county, a trade name and the shop, 东城区鑫源便利店. */
export function shopName(faker: Faker, countyCode: string): string {
  return `${division(countyCode)!.name}${faker.helpers.arrayElement(TRADE_NAMES)}${faker.helpers.arrayElement(SHOPS)}`;
}

/** The share of a unit's members who are migrant workers (农民工), by its line of business. */
export function migrantShare(faker: Faker, industry: Industry): number {
  return industry === 'OTHER'
    ? faker.number.float({ min: 0.02, max: 0.08 })
    : faker.number.float({ min: 0.2, max: 0.35 });
}

/** Provinces migrant workers mostly come from (河南, 四川, 安徽…), weighted roughly by how many leave them. */
const SENDING_PROVINCES: { weight: number; value: string }[] = [
  ...['410000', '510000', '340000'].map((value) => ({ weight: 3, value })),
  ...['430000', '420000', '360000', '450000', '520000', '130000'].map((value) => ({ weight: 2, value })),
  ...['370000', '620000', '500000'].map((value) => ({ weight: 1, value })),
];

const ruralCounties = new Map<string, Division[]>();
function ruralCountiesOf(provinceCode: string): Division[] {
  let list = ruralCounties.get(provinceCode);
  if (!list) {
    const counties = divisionsAt('COUNTY', provinceCode);
    const rural = counties.filter((d) => d.name.endsWith('县'));
    list = rural.length > 0 ? rural : counties;
    ruralCounties.set(provinceCode, list);
  }
  return list;
}

/**
 * The county a migrant worker's resident ID was issued in: a rural county (县) of their own
 * province (outside a municipality, which has almost none), or of a province workers leave for work.
 */
export function homeCounty(faker: Faker, workplace: string): string {
  const own = `${workplace.slice(0, 2)}0000`;
  const provinces = isMunicipality(workplace)
    ? SENDING_PROVINCES
    : [{ weight: 6, value: own }, ...SENDING_PROVINCES.filter((p) => p.value !== own)];
  const counties = ruralCountiesOf(faker.helpers.weightedArrayElement(provinces)).filter(
    (d) => d.code !== workplace,
  );
  return faker.helpers.arrayElement(counties).code;
}
