import type {
  CadreSubsidyResolvers,
  ChairTrainingResolvers,
  ChairVacancyResolvers,
  ContractFilingResolvers,
  RightsProtectionCaseResolvers,
  TrainingRecordResolvers,
} from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { visibleByOrg } from '../domain/subtree';

/** Records that point at a cadre by id: the batched cadre loader resolves them. */
const cadreOf = async (r: { cadreId: string }, _a: unknown, { loaders }: Context) =>
  (await loaders.cadre.load(r.cadreId))!;

export const TrainingRecord: TrainingRecordResolvers = {
  __resolveReference: async (ref, ctx) => visibleByOrg(ctx, await ctx.loaders.training.load(ref.id)),
  id: (t) => t._id,
  member: (t) => ({ id: t.memberId }),
};

export const ChairTraining: ChairTrainingResolvers = {
  organization: (r) => ({ id: r.chair.organizationId }),
};

export const ChairVacancy: ChairVacancyResolvers = {
  organization: (r) => ({ id: r.organizationId }),
};

export const ContractFiling: ContractFilingResolvers = {
  __resolveReference: async (ref, ctx) => visibleByOrg(ctx, await ctx.loaders.contractFiling.load(ref.id)),
  id: (f) => f._id,
  organization: (f) => ({ id: f.organizationId }),
  chair: cadreOf,
  filedWith: (f) => ({ id: f.filedWithId }),
};

export const CadreSubsidy: CadreSubsidyResolvers = {
  __resolveReference: async (ref, ctx) => visibleByOrg(ctx, await ctx.loaders.subsidy.load(ref.id)),
  id: (s) => s._id,
  cadre: cadreOf,
  paidBy: (s) => ({ id: s.paidByOrganizationId }),
};

export const RightsProtectionCase: RightsProtectionCaseResolvers = {
  __resolveReference: async (ref, ctx) => visibleByOrg(ctx, await ctx.loaders.rightsCase.load(ref.id)),
  id: (r) => r._id,
  cadre: cadreOf,
};
