import {
  addDays,
  appendOnce,
  asDate,
  BadUserInputError,
  daysBetween,
  type OrgRef,
  today,
} from '@union-graph/subgraph-kit';
import type { RecordTrainingInput, RegionLevel } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { text } from '../messages';
import { type CadreDoc, SERVING, type TrainingDoc } from '../models';
import { CADRE_RULES, GRASSROOTS_TYPES } from '../rules';
import { recordEvents, trainingAffects } from './events';
import { onceFor } from './once';
import { writableCadre } from './positions';
import { regionCode, regionName } from './regions';
import { subtreeOrgs } from './subtree';
import type { ChairTrainingRow, RegionTrainingRow, TrainingStatus } from './views';

/**
 * R6 for one chair on day `asOf`. The deadline is taking office + 365 days: training completed on
 * that day is in time, the day after is late; untrained on that day is PENDING, the day after
 * OVERDUE. Only training completed on or after taking office (and by `asOf`) counts.
 */
export function chairTrainingRow(
  chair: CadreDoc,
  trainings: readonly TrainingDoc[],
  asOf: Date,
): ChairTrainingRow {
  const deadline = addDays(chair.termStart, CADRE_RULES.trainingDays);
  const trainedOn =
    trainings
      .map((t) => t.completedOn)
      .filter((d) => d >= chair.termStart && d <= asOf)
      .sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
  const status: TrainingStatus = trainedOn
    ? trainedOn <= deadline
      ? 'TRAINED'
      : 'TRAINED_LATE'
    : asOf <= deadline
      ? 'PENDING'
      : 'OVERDUE';
  return {
    chair,
    deadline,
    trainedOn,
    status,
    daysOverdue: status === 'OVERDUE' ? daysBetween(deadline, asOf) : 0,
  };
}

/**
 * Every serving grassroots chair of a subtree who had taken office by `asOf`, with their R6 status.
 * Three queries whatever the size: the directory, the chairs, their members' training.
 */
export async function subtreeChairTraining(
  ctx: Context,
  rootId: string,
  asOf: Date,
): Promise<{ rows: ChairTrainingRow[]; orgs: Map<string, OrgRef> }> {
  const orgs = new Map(
    (await subtreeOrgs(ctx, rootId, { type: { $in: GRASSROOTS_TYPES } })).map((o) => [o._id, o]),
  );
  const chairs = await ctx.models.Cadre.find({
    position: 'CHAIR',
    status: SERVING,
    organizationId: { $in: [...orgs.keys()] },
    termStart: { $lte: asOf },
  })
    .sort({ termStart: 1, _id: 1 })
    .lean<CadreDoc[]>();
  const trainings = await ctx.loaders.trainingsByMember.loadMany(chairs.map((c) => c.memberId));
  const rows = chairs.map((c, i) => {
    const own = trainings[i];
    if (own instanceof Error) throw own;
    return chairTrainingRow(c, own ?? [], asOf);
  });
  return { rows, orgs };
}

const COUNTERS: Record<TrainingStatus, 'trained' | 'trainedLate' | 'pending' | 'overdue'> = {
  TRAINED: 'trained',
  TRAINED_LATE: 'trainedLate',
  PENDING: 'pending',
  OVERDUE: 'overdue',
};

/** Rows grouped by the union's division at `level`, e.g. every county of a province. */
export function trainingByRegion(
  rows: readonly ChairTrainingRow[],
  orgs: Map<string, OrgRef>,
  level: RegionLevel,
): RegionTrainingRow[] {
  const regions = new Map<string, RegionTrainingRow>();
  for (const row of rows) {
    const divisionCode = regionCode(orgs.get(row.chair.organizationId)?.divisionCode ?? '', level);
    let region = regions.get(divisionCode);
    if (!region) {
      region = {
        divisionCode,
        name: regionName(divisionCode, level),
        chairs: 0,
        trained: 0,
        trainedLate: 0,
        pending: 0,
        overdue: 0,
        overdueRate: 0,
      };
      regions.set(divisionCode, region);
    }
    region.chairs += 1;
    region[COUNTERS[row.status]] += 1;
  }
  return [...regions.values()]
    .map((r) => ({ ...r, overdueRate: r.overdue / r.chairs }))
    .sort((a, b) => a.divisionCode.localeCompare(b.divisionCode));
}

export function validateTraining(
  input: { course: string; hours: number; completedOn: Date },
  today: Date,
): void {
  if (input.course.trim().length === 0)
    throw new BadUserInputError(text('empty', { field: 'course' }), 'course');
  if (!(input.hours > 0)) throw new BadUserInputError(text('positive', { field: 'hours' }), 'hours');
  if (input.completedOn > today)
    throw new BadUserInputError(text('inFuture', { field: 'completedOn' }), 'completedOn');
}

export async function recordTraining(ctx: Context, input: RecordTrainingInput): Promise<TrainingDoc> {
  const once = onceFor(ctx, 'recordTraining', input);
  const { doc: cadre } = await writableCadre(ctx, input.cadreId);
  const completedOn = asDate(input.completedOn);
  validateTraining({ ...input, completedOn }, today());
  const { doc: training, created } = await appendOnce(
    ctx.models.Training,
    {
      memberId: cadre.memberId,
      organizationId: cadre.organizationId,
      cadreId: cadre._id,
      course: input.course.trim(),
      hours: input.hours,
      completedOn,
    },
    once,
  );
  if (!created) return training;
  const positions = await ctx.loaders.positionsByMember.load(cadre.memberId);
  await ctx.publish(recordEvents('TrainingRecord', [training], () => trainingAffects(positions)));
  return training;
}
