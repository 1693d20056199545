import type { Connection } from 'mongoose';
import { annualReviewModel } from './annual-review';
import { membersMeetingModel } from './assembly';
import { sixHavesAssessmentModel } from './assessment';
import { committeeTermModel } from './committee';
import { orgConversionModel } from './conversion';
import { coverageModel } from './coverage';
import { delegateContactModel, standingDelegateModel } from './delegate';
import { unionDisclosureModel } from './disclosure';
import { hostUnitModel } from './host-unit';
import { liaisonPointModel, liaisonVisitModel } from './liaison';
import { orgMoveModel, orgMoveNodeModel } from './org-move';
import { organizationModel } from './organization';
import { registryCountModel } from './registry-count';
import { sixHavesEvidenceModel } from './six-haves-evidence';

export type { AnnualReviewDoc } from './annual-review';
export { MEETING_KINDS, type MembersMeetingDoc } from './assembly';
export { SIX_HAVES, type SixHavesAssessmentDoc } from './assessment';
export { COMMITTEE_TYPES, type CommitteeTermDoc, type CommitteeType } from './committee';
export type { OrgConversionDoc } from './conversion';
export type { CoverageDoc } from './coverage';
export { CONTACT_METHODS, type DelegateContactDoc, type StandingDelegateDoc } from './delegate';
export { DISCLOSURE_CHANNELS, DISCLOSURE_SUBJECTS, type UnionDisclosureDoc } from './disclosure';
export { ENTERPRISE_KINDS, HOST_UNIT_KINDS, type HostUnitDoc } from './host-unit';
export type { LiaisonPointDoc, LiaisonVisitDoc } from './liaison';
export { OPEN_MOVE_KEY, type OrgMoveDoc } from './org-move';
export type { OrganizationDoc } from './organization';
export type { RegistryCountDoc } from './registry-count';
export {
  type ChairFacts,
  EVIDENCE_SOURCES,
  type EvidenceSource,
  type FundsFacts,
  type ServicesFacts,
  type SixHavesEvidenceDoc,
} from './six-haves-evidence';

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
    RegistryCount: registryCountModel(conn),
    SixHavesEvidence: sixHavesEvidenceModel(conn),
    OrgConversion: orgConversionModel(conn),
    MembersMeeting: membersMeetingModel(conn),
    StandingDelegate: standingDelegateModel(conn),
    DelegateContact: delegateContactModel(conn),
    UnionDisclosure: unionDisclosureModel(conn),
    LiaisonPoint: liaisonPointModel(conn),
    LiaisonVisit: liaisonVisitModel(conn),
  };
}

export type Models = ReturnType<typeof createModels>;
