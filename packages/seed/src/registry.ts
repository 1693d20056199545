import type { Faker } from '@faker-js/faker';
import { cardNumber, type TransferStepKind, transferStepId } from '@union-graph/members/seeding';
import { stableId } from './ids';
import type { MemberPlan, SeedPlan } from './plan-types';
import { AS_OF, days } from './shape';

const ISSUED_BY = 'seed';

/**
 * 会员证: most members hold a card issued by their union soon after joining (every eighth has
 * none yet). Numbers are the members subgraph's own (division, year, serial, check character),
 * serials running from 1 in each division and year as the subgraph hands them out.
 */
export function addCards(plan: SeedPlan, faker: Faker): void {
  const divisionOf = new Map(plan.organizations.map((o) => [o._id, o.divisionCode]));
  const serials = new Map<string, number>();
  plan.members.forEach((member, i) => {
    if (i % 8 === 7) return;
    const issuedAt = new Date(
      Math.min(AS_OF.getTime(), member.joinedAt.getTime() + days(faker.number.int({ min: 1, max: 60 }))),
    );
    const division = divisionOf.get(member.organizationId)!;
    const year = issuedAt.getUTCFullYear();
    const serial = (serials.get(`${division}${year}`) ?? 0) + 1;
    serials.set(`${division}${year}`, serial);
    plan.memberCards.push({
      _id: cardNumber(division, year, serial),
      memberId: member._id,
      organizationId: member.organizationId,
      issuedAt,
      issuedBy: ISSUED_BY,
    });
  });
}

/**
 * 会籍接转 (R12): in every tenth grassroots union one member has moved to the next union by
 * certificate (accepted, moved, closed), and in the one after, a member's transfer is still open
 * (the member TRANSFERRING, the open key held). Steps carry the members subgraph's step ids, so
 * the subgraph reads and advances them as its own.
 */
export function addTransfers(plan: SeedPlan, faker: Faker): void {
  const unions = plan.organizations.filter((o) => o.type === 'GRASSROOTS');
  const creditCodeOf = new Map(
    plan.coverages.filter((c) => c.own).map((c) => [c.organizationId, c.unitId] as const),
  );
  const units = new Map(plan.hostUnits.map((u) => [u._id, u.creditCode]));
  const lastMemberOf = new Map<string, MemberPlan>();
  for (const m of plan.members) lastMemberOf.set(m.organizationId, m);
  unions.forEach((from, u) => {
    const completed = u % 10 === 1;
    if (!completed && u % 10 !== 2) return;
    const to = unions[(u + 1) % unions.length]!;
    const member = lastMemberOf.get(from._id);
    if (!member || to._id === from._id) return;
    const earliest = Math.max(
      member.joinedAt.getTime() + days(1),
      AS_OF.getTime() - days(completed ? 540 : 20),
    );
    const latest = AS_OF.getTime() - days(completed ? 30 : 1);
    if (earliest >= latest) return;
    const openedAt = faker.date.between({ from: earliest, to: latest });
    const _id = stableId('transfer', member._id, openedAt.toISOString());
    const decidedAt = new Date(openedAt.getTime() + days(faker.number.int({ min: 2, max: 20 })));
    const newEmployerCreditCode = units.get(creditCodeOf.get(to._id)!) ?? null;
    plan.transfers.push({
      _id,
      memberId: member._id,
      fromOrganizationId: from._id,
      toOrganizationId: to._id,
      certificateCode: `JZ${openedAt.getUTCFullYear()}${_id.slice(0, 10).toUpperCase()}`,
      newEmployerCreditCode,
      reason: faker.helpers.arrayElement(['工作调动', '更换用人单位', '劳动合同期满后新就业']),
      openedAt,
      openedBy: ISSUED_BY,
      openKey: completed ? _id : member._id,
      closedAt: completed ? decidedAt : null,
      decision: completed ? 'ACCEPTED' : null,
    });
    const step = (kind: TransferStepKind, at: Date) =>
      plan.transferSteps.push({
        _id: transferStepId(_id, kind),
        transferId: _id,
        step: kind,
        at,
        by: ISSUED_BY,
      });
    step('OPENED', openedAt);
    if (completed) {
      for (const kind of ['ACCEPTED', 'MOVED', 'CLOSED'] as const) step(kind, decidedAt);
      member.organizationId = to._id;
      member.employerCreditCode = newEmployerCreditCode;
      member.lastActiveAt = decidedAt;
    } else {
      member.status = 'TRANSFERRING';
    }
  });
}
