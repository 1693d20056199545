import type { Faker } from '@faker-js/faker';
import { type Ownership, ownershipOf } from '@union-graph/domain';
import { sharedFacts } from '@union-graph/organizations/seeding';
import type { SeedPlan } from './plan-types';

/**
 * Issue #19: each host unit's GB/T 4754-2017 division, read off the line of business its name
 * already states (精密机械 → 34 通用设备制造业, 便利店 → 52 零售业), so nothing drawn before changes;
 * its ownership; and each union's directory facts, as organizations derives them.
 */
const DIVISION_OF_LINE: Record<string, string> = {
  精密机械: '34',
  电子科技: '39',
  纺织: '17',
  服装: '18',
  食品: '14',
  汽车零部件: '36',
  塑胶制品: '29',
  五金制品: '33',
  家具: '21',
  建筑工程: '47',
  建设工程: '48',
  装饰工程: '50',
  路桥工程: '48',
  建材: '30',
  物流: '58',
  物业服务: '70',
  餐饮管理: '62',
  酒店管理: '61',
  商贸: '51',
  家政服务: '80',
  保安服务: '72',
  连锁超市: '52',
  信息技术: '65',
  网络科技: '64',
  软件: '65',
  文化传媒: '88',
  医药: '27',
  检测技术: '74',
  管理咨询: '72',
  // 个体工商户 (shopName)
  便利店: '52',
  家常菜馆: '62',
  理发店: '80',
  五金店: '52',
  汽车修理部: '81',
  水果店: '52',
  面馆: '62',
  干洗店: '80',
  图文打印社: '23',
  药房: '52',
};

/** Longest first, so 汽车零部件 is never read as a shorter line inside it. */
const LINES = Object.keys(DIVISION_OF_LINE).sort((a, b) => b.length - a.length);

/** Export-oriented manufacturing is where foreign, Hong Kong, Macao and Taiwan capital sits. */
const FOREIGN_SHARE: Record<string, number> = { '39': 0.3, '18': 0.2, '17': 0.15, '36': 0.2, '29': 0.15 };

function ownership(faker: Faker, unit: SeedPlan['hostUnits'][number]): Ownership {
  // 个体工商户 (credit codes of type 92) of public ownership are collective shops, never state-owned.
  const shop = unit.creditCode.startsWith('92');
  if (unit.kind === 'STATE_OWNED_ENTERPRISE')
    return shop || faker.number.float() < 0.15 ? 'COLLECTIVE' : 'STATE';
  if (!shop && faker.number.float() < (FOREIGN_SHARE[unit.industry ?? ''] ?? 0.03)) return 'FOREIGN_INVESTED';
  return ownershipOf(unit)!;
}

export function addIndustries(plan: SeedPlan, faker: Faker): void {
  for (const unit of plan.hostUnits) {
    const line = LINES.find((l) => unit.name.includes(l));
    if (line) unit.industry = DIVISION_OF_LINE[line];
    unit.ownership = ownership(faker, unit);
  }
  const units = new Map(plan.hostUnits.map((u) => [u._id, u]));
  const covered = new Map<string, SeedPlan['hostUnits']>();
  for (const c of plan.coverages) {
    const list = covered.get(c.organizationId) ?? [];
    list.push(units.get(c.unitId)!);
    covered.set(c.organizationId, list);
  }
  for (const org of plan.organizations) {
    const list = covered.get(org._id);
    if (list) Object.assign(org, sharedFacts(list));
  }
}
