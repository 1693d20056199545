import type {
  CadreDoc,
  ContractFilingDoc,
  ContractWorkerDoc,
  ContractWorkerStepDoc,
  ElectionDoc,
  ElectionResultDoc,
  RightsCaseDoc,
  SubsidyDoc,
  TrainingDoc,
} from '@union-graph/cadres/seeding';
import type { Ownership } from '@union-graph/domain';
import type {
  AgreementDoc,
  FundAccountDoc,
  FundsAuditDoc,
  PostingDoc,
  SubsidyPlanDoc,
} from '@union-graph/funds/seeding';
import type { BenefitCardDoc, HonorDoc } from '@union-graph/guangdong/seeding';
import type {
  DuesPaymentDoc,
  Education,
  FlexibleWork,
  MemberCardDoc,
  TransferDoc,
  TransferStepDoc,
  UnitRefDoc,
} from '@union-graph/members/seeding';
import type {
  AnnualReviewDoc,
  DelegateContactDoc,
  LiaisonPointDoc,
  LiaisonVisitDoc,
  MembersMeetingDoc,
  OrgConversionDoc,
  SixHavesAssessmentDoc,
  StandingDelegateDoc,
  UnionDisclosureDoc,
} from '@union-graph/organizations/seeding';
import type {
  AssistanceCaseDoc,
  AssistanceCenterDoc,
  AwardNominationDoc,
  BenefitProgramDoc,
  CollectiveContractDoc,
  CollectiveDisputeDoc,
  CompetitionDoc,
  CompetitionEntryDoc,
  CoveredUnitDoc,
  LaborAlertDoc,
  StepDoc,
  SurveyDoc,
  SurveyResponseDoc,
  WorkersCongressDoc,
} from '@union-graph/worker-services/seeding';

// The plan's shape, apart from planSeed and the add* builders that fill it, so the builders
// import these types without importing the planner that calls them.

/**
 * The demo data set as plain documents, computed from a seed number alone. `scale` sets how many
 * provinces, cities, counties and units there are; the shape follows the union tree of §4–§6.
 */
export interface SeedScale {
  provinces: number;
  citiesPerProvince: number;
  countiesPerCity: number;
  unitsPerCounty: number;
  /** Units under 25 employees per township, covered by joint unions (R1, R2). */
  smallUnitsPerTownship: number;
  maxMembersPerUnit: number;
  /**
   * One grassroots union in this many books payroll receipts beyond its opening balance (and one
   * in eight times as many collects dues through the ledger). FerretDB scans every posting for a
   * balance, so larger data sets keep the ledger to a sample.
   */
  ledgerEvery: number;
}

export interface OrgPlan {
  _id: string;
  name: string;
  type: string;
  level: string;
  status: string;
  parentId: string | null;
  path: string[];
  divisionCode: string;
  /** What its host units share (industries.ts, issue #19). */
  industry?: string | null;
  ownership?: string | null;
  sizeBand?: string | null;
  version: number;
}

export interface MemberPlan {
  _id: string;
  name: string;
  gender: 'MALE' | 'FEMALE';
  residentId: string;
  /** 文化程度 (education.ts). */
  education?: Education;
  /** TRANSFERRING while a transfer of the member is open. */
  status: 'ACTIVE' | 'TRANSFERRING';
  organizationId: string;
  joinedAt: Date;
  employerCreditCode?: string | null;
  /** §6: a flexible or scattered worker, member through a sectoral or street federation. */
  flexibleWork?: FlexibleWork;
  migrantWorker?: boolean;
  lastActiveAt?: Date;
  /** The last dues payment, as members learns it from funds' events. */
  lastDuesPaidAt?: Date;
}

export interface SeedPlan {
  organizations: OrgPlan[];
  members: MemberPlan[];
  hostUnits: {
    _id: string;
    name: string;
    creditCode: string;
    kind: 'NON_PUBLIC_ENTERPRISE' | 'STATE_OWNED_ENTERPRISE';
    divisionCode: string;
    employeeCount: number;
    femaleEmployeeCount: number;
    responsibleOrgId: string;
    /** GB/T 4754-2017 division and ownership (industries.ts, issue #19). */
    industry?: string;
    ownership?: Ownership;
  }[];
  coverages: { _id: string; unitId: string; organizationId: string; slotKey: string; own: boolean }[];
  committeeTerms: {
    _id: string;
    organizationId: string;
    type: string;
    termStart: Date;
    termYears: number;
    seats: number;
    /** R14: the union committee includes a women-workers member. */
    womenWorkersMember?: boolean;
  }[];
  cadres: {
    _id: string;
    organizationId: string;
    memberId: string;
    position: string;
    fullTime: boolean;
    source: 'ELECTED';
    status: 'SERVING';
    seatKey: string;
    electionId: string;
    termStart: Date;
    termEnd: null;
  }[];
  elections: ElectionDoc[];
  electionResults: ElectionResultDoc[];
  trainings: TrainingDoc[];
  contractFilings: ContractFilingDoc[];
  /** Accounts hold no balance: it is summed from the postings. */
  fundAccounts: FundAccountDoc[];
  postings: PostingDoc[];
  memberCards: MemberCardDoc[];
  transfers: TransferDoc[];
  transferSteps: TransferStepDoc[];
  /** Members' record of the dues postings (what funds' `DuesPayment` events tell it). */
  duesPayments: DuesPaymentDoc[];
  workersHomes: {
    _id: string;
    organizationId: string;
    name: string;
    kind: 'STANDARD';
    establishedAt: Date;
  }[];
  modelTitles: {
    _id: string;
    homeId: string;
    organizationId: string;
    level: string;
    conferrerId: string;
    round: number;
  }[];
  gdBenefitCards: BenefitCardDoc[];
  gdHonors: HonorDoc[];
  /** §5, §17, §18: work-committee conversions, assemblies and delegates, disclosures, liaison points. */
  orgConversions: OrgConversionDoc[];
  membersMeetings: MembersMeetingDoc[];
  standingDelegates: StandingDelegateDoc[];
  delegateContacts: DelegateContactDoc[];
  unionDisclosures: UnionDisclosureDoc[];
  liaisonPoints: LiaisonPointDoc[];
  liaisonVisits: LiaisonVisitDoc[];
  /** Members' read model of host units and their covering unions (join at source, §8, R12). */
  unitDirectory: UnitRefDoc[];
  /** R3 / R4: appointed full-time vice-chairs and staff of township and sectoral federations. */
  fullTimeCadres: CadreDoc[];
  /** §13: county federations' assistance centers, the hardship cases they received and the cases' steps. */
  assistanceCenters: AssistanceCenterDoc[];
  assistanceCases: AssistanceCaseDoc[];
  workflowSteps: StepDoc[];
  /** R5, R10: the 2025 six-haves assessments and the upper unions' annual review meetings. */
  sixHavesAssessments: SixHavesAssessmentDoc[];
  annualReviews: AnnualReviewDoc[];
  /** R9, §19: national subsidy plans, funds audits, 上代下 centralized accounting agreements. */
  subsidyPlans: SubsidyPlanDoc[];
  fundsAudits: FundsAuditDoc[];
  centralizedAccounting: AgreementDoc[];
  /** R20, R8, R11, §11–§18: contracts, congresses, alerts and disputes, competitions, awards, benefits. */
  collectiveContracts: CollectiveContractDoc[];
  /** §12: the host units street federations' sectoral and regional contracts cover. */
  coveredUnits: CoveredUnitDoc[];
  workersCongresses: WorkersCongressDoc[];
  /** R5: 会员评家 surveys and their answers (worker-services). */
  satisfactionSurveys: SurveyDoc[];
  surveyResponses: SurveyResponseDoc[];
  laborAlerts: LaborAlertDoc[];
  collectiveDisputes: CollectiveDisputeDoc[];
  competitions: CompetitionDoc[];
  competitionEntries: CompetitionEntryDoc[];
  awardNominations: AwardNominationDoc[];
  benefitPrograms: BenefitProgramDoc[];
  /** §7: contract union workers and their lifecycle steps (their assignments are in fullTimeCadres). */
  contractWorkers: ContractWorkerDoc[];
  contractWorkerSteps: ContractWorkerStepDoc[];
  /** 工会干部权益保障金: the federations' fund accounts, part-time chairs' subsidies and supported cases. */
  rightsFundAccounts: FundAccountDoc[];
  cadreSubsidies: SubsidyDoc[];
  rightsCases: RightsCaseDoc[];
}
