import type {
  ContractFilingDoc,
  ElectionDoc,
  ElectionResultDoc,
  TrainingDoc,
} from '@union-graph/cadres/seeding';
import type { FundAccountDoc, PostingDoc } from '@union-graph/funds/seeding';
import type { BenefitCardDoc, HonorDoc } from '@union-graph/guangdong/seeding';
import type {
  DuesPaymentDoc,
  MemberCardDoc,
  TransferDoc,
  TransferStepDoc,
} from '@union-graph/members/seeding';

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
  version: number;
}

export interface MemberPlan {
  _id: string;
  name: string;
  gender: 'MALE' | 'FEMALE';
  residentId: string;
  /** TRANSFERRING while a transfer of the member is open. */
  status: 'ACTIVE' | 'TRANSFERRING';
  organizationId: string;
  joinedAt: Date;
  employerCreditCode?: string | null;
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
  }[];
  coverages: { _id: string; unitId: string; organizationId: string; slotKey: string; own: boolean }[];
  committeeTerms: {
    _id: string;
    organizationId: string;
    type: string;
    termStart: Date;
    termYears: number;
    seats: number;
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
}
