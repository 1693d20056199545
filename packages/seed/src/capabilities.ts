import type { Faker } from '@faker-js/faker';
import { addAnnualReviews, addSixHaves } from './compliance';
import { addContractWorkers } from './contract-workers';
import { addCentralizedAccounting, addFundsAudits, addSubsidies } from './grants';
import type { SeedPlan, SeedScale } from './plan-types';
import {
  addBenefits,
  addCollectiveContracts,
  addCompetitions,
  addLaborAlerts,
  addWorkersCongresses,
} from './services';

/**
 * The records every report of the graph reads, each with the few deliberate rule violations its
 * builder documents. After the tree, registry and titles exist, as these refer to all of them.
 */
export function addCapabilities(plan: SeedPlan, faker: Faker, scale: SeedScale): void {
  addSixHaves(plan, faker);
  addAnnualReviews(plan, faker);
  addSubsidies(plan, faker);
  addFundsAudits(plan, faker);
  addCentralizedAccounting(plan, faker);
  addCollectiveContracts(plan, faker, Math.max(1, Math.round(scale.ledgerEvery / 8)));
  addWorkersCongresses(plan, faker);
  addLaborAlerts(plan, faker);
  addCompetitions(plan, faker);
  addBenefits(plan, faker);
  addContractWorkers(plan, faker);
}
