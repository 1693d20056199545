import { type Caller, disclosedCount, minimumCountFor } from '@union-graph/subgraph-kit';
import type { OrganizationDoc, RegistryCountDoc } from '../models';
import { type CommitteeProblem, womenWorkersBasis } from './committees';

/**
 * R14's figures as the caller may read them (issue #19, docs/statistics.md): an analyst reads
 * members' counts held to the statistics k, the female members beside the members (the men are
 * the difference), whichever source R14's figure comes from; the duty bands the figure (MEMBER:
 * 1–9 women), so it goes with a withheld figure.
 */
export function disclosedWomenWorkers(
  caller: Caller,
  org: Pick<OrganizationDoc, 'reportedFemaleMembers'>,
  registry: RegistryCountDoc | null | undefined,
) {
  const basis = womenWorkersBasis(org, registry);
  const k = minimumCountFor(caller);
  const members = registry ? [registry.members] : [];
  const femaleMembers =
    basis.femaleMembers === null
      ? null
      : disclosedCount(basis.femaleMembers, k, basis.source === 'REGISTRY' ? members : []);
  return {
    registryMembers: registry ? disclosedCount(registry.members, k) : null,
    registryFemaleMembers: registry ? disclosedCount(registry.femaleMembers, k, members) : null,
    ...basis,
    femaleMembers,
    duty: femaleMembers === null && basis.femaleMembers !== null ? null : basis.duty,
  };
}

/**
 * A union's committee problems as the caller may read them: WOMEN_WORKERS_MEMBER_MISSING is R14's
 * MEMBER duty (1–9 women), so it is withheld where that duty is.
 */
export function disclosedProblems(
  caller: Caller,
  org: Pick<OrganizationDoc, 'reportedFemaleMembers'>,
  registry: RegistryCountDoc | null | undefined,
  problems: CommitteeProblem[],
): CommitteeProblem[] {
  return disclosedWomenWorkers(caller, org, registry).duty === null
    ? problems.filter((p) => p !== 'WOMEN_WORKERS_MEMBER_MISSING')
    : problems;
}
