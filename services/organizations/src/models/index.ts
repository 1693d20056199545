import type { Connection } from 'mongoose';
import { annualReviewModel } from './annual-review';
import { sixHavesAssessmentModel } from './assessment';
import { committeeTermModel } from './committee';
import { coverageModel } from './coverage';
import { hostUnitModel } from './host-unit';
import { orgMoveModel, orgMoveNodeModel } from './org-move';
import { organizationModel } from './organization';

export type { AnnualReviewDoc } from './annual-review';
export { SIX_HAVES, type SixHavesAssessmentDoc } from './assessment';
export { COMMITTEE_TYPES, type CommitteeTermDoc, type CommitteeType } from './committee';
export type { CoverageDoc } from './coverage';
export { ENTERPRISE_KINDS, HOST_UNIT_KINDS, type HostUnitDoc } from './host-unit';
export { OPEN_MOVE_KEY, type OrgMoveDoc } from './org-move';
export type { OrganizationDoc } from './organization';

export function createModels(conn: Connection) {
  return {
    Organization: organizationModel(conn),
    HostUnit: hostUnitModel(conn),
    Coverage: coverageModel(conn),
    CommitteeTerm: committeeTermModel(conn),
    SixHavesAssessment: sixHavesAssessmentModel(conn),
    AnnualReview: annualReviewModel(conn),
    OrgMove: orgMoveModel(conn),
    OrgMoveNode: orgMoveNodeModel(conn),
  };
}

export type Models = ReturnType<typeof createModels>;
