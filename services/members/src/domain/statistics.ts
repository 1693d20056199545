import type { Language } from '@union-graph/subgraph-kit';
import { type PlainTextKey, text } from '../messages';

export type BreakdownKey =
  | 'PROVINCE'
  | 'CITY'
  | 'ORGANIZATION_TYPE'
  | 'STATUS'
  | 'GENDER'
  | 'MIGRANT_WORKER'
  | 'FLEXIBLE_WORK';

/** The label of each group of members, by its key (a status, gender, form of work…). */
export const LABELS: Record<string, PlainTextKey> = {
  ACTIVE: 'statusActive',
  RETIRED_RETAINED: 'statusRetiredRetained',
  TRANSFERRING: 'statusTransferring',
  WITHDRAWN: 'statusWithdrawn',
  AUTO_WITHDRAWN: 'statusAutoWithdrawn',
  MALE: 'genderMale',
  FEMALE: 'genderFemale',
  true: 'migrantWorker',
  false: 'notMigrantWorker',
  COURIER: 'workCourier',
  RIDE_HAILING_DRIVER: 'workRideHailing',
  FOOD_DELIVERY_RIDER: 'workFoodDelivery',
  TRUCK_DRIVER: 'workTruckDriver',
  OTHER_NEW_FORM: 'workOtherNewForm',
  SCATTERED: 'workScattered',
  FIXED_EMPLOYER: 'workFixedEmployer',
  unknown: 'groupUnknown',
  UNDER_25: 'ageUnder25',
  FROM_25_TO_34: 'age25To34',
  FROM_35_TO_44: 'age35To44',
  FROM_45_TO_54: 'age45To54',
  FROM_55: 'age55AndOver',
};

export const ORG_TYPE_LABELS: Record<string, PlainTextKey> = {
  NATIONAL_FEDERATION: 'orgNationalFederation',
  LOCAL_FEDERATION: 'orgLocalFederation',
  INDUSTRIAL_UNION: 'orgIndustrialUnion',
  TOWNSHIP_FEDERATION: 'orgTownshipFederation',
  TOWNSHIP_WORK_COMMITTEE: 'orgTownshipWorkCommittee',
  DEV_ZONE_UNION: 'orgDevZoneUnion',
  REGIONAL_FEDERATION: 'orgRegionalFederation',
  SECTORAL_FEDERATION: 'orgSectoralFederation',
  GRASSROOTS: 'orgGrassroots',
  JOINT_GRASSROOTS: 'orgJointGrassroots',
  VILLAGE_COMMUNITY: 'orgVillageCommunity',
  BRANCH: 'orgBranch',
  GROUP: 'orgGroup',
};

export const OWNERSHIP_LABELS: Record<string, PlainTextKey> = {
  STATE: 'ownershipState',
  COLLECTIVE: 'ownershipCollective',
  PRIVATE: 'ownershipPrivate',
  FOREIGN_INVESTED: 'ownershipForeign',
  GOVERNMENT_AGENCY: 'ownershipAgency',
  PUBLIC_INSTITUTION: 'ownershipInstitution',
  SOCIAL_ORGANIZATION: 'ownershipSocial',
  unknown: 'groupUnknown',
};

/** R1's 25 employees first. */
export const SIZE_LABELS: Record<string, PlainTextKey> = {
  UNDER_25: 'sizeUnder25',
  FROM_25_TO_99: 'size25To99',
  FROM_100_TO_499: 'size100To499',
  FROM_500_TO_999: 'size500To999',
  FROM_1000: 'size1000AndOver',
  unknown: 'groupUnknown',
};

/** R16's dues standing. */
export const DUES_LABELS: Record<string, PlainTextKey> = {
  PAID_UP: 'duesPaidUp',
  IN_ARREARS: 'duesInArrears',
  EXEMPT: 'duesExempt',
  NOT_APPLICABLE: 'duesNotApplicable',
  unknown: 'groupUnknown',
};

export const EDUCATION_LABELS: Record<string, PlainTextKey> = {
  PRIMARY: 'educationPrimary',
  JUNIOR_SECONDARY: 'educationJuniorSecondary',
  SENIOR_SECONDARY: 'educationSeniorSecondary',
  VOCATIONAL: 'educationVocational',
  JUNIOR_COLLEGE: 'educationJuniorCollege',
  BACHELOR: 'educationBachelor',
  MASTER: 'educationMaster',
  DOCTORATE: 'educationDoctorate',
  unknown: 'groupUnknown',
};

/** A catalog label in the caller's language; a key without one (a new enum value) shows as itself. */
export function labelOf(labels: Record<string, PlainTextKey>, key: string, language: Language | undefined) {
  const entry = labels[key];
  return entry ? text(entry).render(language) : key;
}
