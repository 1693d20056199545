import type { ModelHomeEligibilityResolvers } from '../__generated__/resolvers-types';
import { issueCertificate } from '../domain/eligibility';

export const ModelHomeEligibility: ModelHomeEligibilityResolvers = {
  reasons: (e, _args, { caller }) => e.reasons.map((r) => r.render(caller.language)),
  // Only those who may apply get a certificate to apply with.
  certificate: (e, _args, { scope }) => (scope.canWrite ? issueCertificate(e.organizationId, e) : null),
};
