import type { Resolvers } from '../__generated__/resolvers-types';
import { AnnualReview } from './AnnualReview';
import { CommitteeTerm } from './CommitteeTerm';
import { DelegateContact } from './DelegateContact';
import { HostUnit } from './HostUnit';
import { LiaisonPoint } from './LiaisonPoint';
import { LiaisonVisit } from './LiaisonVisit';
import { MembersMeeting } from './MembersMeeting';
import { Mutation } from './Mutation';
import { Organization } from './Organization';
import { OrganizationConversion } from './OrganizationConversion';
import { OrganizationMove } from './OrganizationMove';
import { Query } from './Query';
import { SixHavesAssessment } from './SixHavesAssessment';
import { SixHavesEvidence } from './SixHavesEvidence';
import { StandingDelegate } from './StandingDelegate';
import { UnionDisclosure } from './UnionDisclosure';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Organization,
  HostUnit,
  CommitteeTerm,
  SixHavesAssessment,
  SixHavesEvidence,
  AnnualReview,
  OrganizationMove,
  OrganizationConversion,
  MembersMeeting,
  StandingDelegate,
  DelegateContact,
  UnionDisclosure,
  LiaisonPoint,
  LiaisonVisit,
};
