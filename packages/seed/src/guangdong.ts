import type { Faker } from '@faker-js/faker';
import type { HonorKind } from '@union-graph/guangdong/seeding';
import { stableId } from './ids';
import type { SeedPlan } from './plan-types';
import { AS_OF } from './shape';

/** Guangdong's division codes start with 44; its provincial subgraph serves nothing else. */
const GUANGDONG = '44';

/** 粤工惠 numbers are `YGH` and 13 digits; seeded ones count up from a block of their own. */
function benefitCardNumber(n: number): string {
  return `YGH${4_400_000 + Math.floor(n / 1_000_000)}${String(n % 1_000_000).padStart(6, '0')}`;
}

/**
 * The Guangdong provincial example's own data: 粤工惠 cards for two of every three members of
 * Guangdong unions, never the first of a union (every twelfth card since cancelled, which frees
 * its member's open key), and
 * provincial honors — the model Workers' Home title (and with it the May Day award, R11) for the
 * unions whose homes hold the provincial title, model workers and Worker Vanguard teams.
 */
export function addGuangdong(plan: SeedPlan, faker: Faker): void {
  const unions = plan.organizations.filter(
    (o) => o.type === 'GRASSROOTS' && o.divisionCode.startsWith(GUANGDONG),
  );
  // The first union starts with none, so issuing and conferring can be shown (and tested) from scratch.
  const inGuangdong = new Set(unions.slice(1).map((o) => o._id));
  const seen = new Map<string, number>();
  for (const member of plan.members) {
    if (!inGuangdong.has(member.organizationId)) continue;
    const position = seen.get(member.organizationId) ?? 0;
    seen.set(member.organizationId, position + 1);
    if (position % 3 === 0) continue;
    const _id = stableId('gd-card', member._id);
    const cancelled = plan.gdBenefitCards.length % 12 === 11;
    const issued = faker.date.between({ from: member.joinedAt, to: AS_OF });
    plan.gdBenefitCards.push({
      _id,
      cardNumber: benefitCardNumber(plan.gdBenefitCards.length + 1),
      memberId: member._id,
      organizationId: member.organizationId,
      issuedOn: new Date(issued.toISOString().slice(0, 10)),
      status: cancelled ? 'CANCELLED' : 'ACTIVE',
      openKey: cancelled ? _id : member._id,
    });
  }

  const honor = (kind: HonorKind, organizationId: string, memberId: string | null = null) => {
    const year = faker.number.int({ min: 2018, max: AS_OF.getUTCFullYear() - 1 });
    const holderKey = `${kind}:${year}:${memberId ?? organizationId}`;
    plan.gdHonors.push({
      _id: stableId('gd-honor', holderKey),
      kind,
      year,
      organizationId,
      memberId,
      holderKey,
    });
  };
  const provincialHomes = new Set(
    plan.modelTitles.filter((t) => t.level === 'PROVINCE').map((t) => t.organizationId),
  );
  const firstActive = new Map<string, string>();
  for (const m of plan.members) {
    if (m.status === 'ACTIVE' && !firstActive.has(m.organizationId)) firstActive.set(m.organizationId, m._id);
  }
  unions.forEach((union, u) => {
    if (!inGuangdong.has(union._id)) return;
    if (provincialHomes.has(union._id)) {
      honor('MODEL_WORKERS_HOME', union._id);
      if (u % 2 === 0) honor('MAY_DAY_AWARD', union._id);
    }
    if (u % 5 === 1) honor('WORKER_VANGUARD', union._id);
    if (u % 3 === 0) {
      const member = firstActive.get(union._id);
      if (member) honor(u % 2 === 0 ? 'MODEL_WORKER' : 'MAY_DAY_MEDAL', union._id, member);
    }
  });
}
