import { queryByKeys } from '@union-graph/subgraph-kit';
import type { Model } from 'mongoose';
import { createLoaders } from '../loaders';
import type { Models, OrganizationDoc, SixHavesAssessmentDoc } from '../models';
import { type Criterion, disagreementsOf, evidenceOfUnions } from './six-haves-evidence';

/**
 * R5 as `sixHavesDisagreements` checks it: one assessment's marks against what the records show
 * for its union and year, criterion by criterion (unknown evidence contradicts nothing).
 */
export interface SixHavesCheck {
  organizationId: string;
  year: number;
  /** Which check is newer: checks read later from the records win (see `checksOf`). */
  sequence: number;
  disagreeOn: Criterion[];
}

/** Orders the checks of this process: the read model is rebuilt whenever the process starts. */
let sequence = 0;

/**
 * Every assessment of the unions checked now, through the same evidence the report reads (its
 * loaders, `evaluateEvidence`, `disagreementsOf`): one computation of each figure. The sequence is
 * taken before reading, so of two checks of a union the one numbered later read the later records.
 */
export async function checksOf(models: Models, unionIds: readonly string[]): Promise<SixHavesCheck[]> {
  const taken = ++sequence;
  const ids = [...new Set(unionIds)];
  if (ids.length === 0) return [];
  const [assessments, unions] = await Promise.all([
    queryByKeys(models.SixHavesAssessment, 'organizationId', ids, (f) =>
      models.SixHavesAssessment.find(f).lean<SixHavesAssessmentDoc[]>(),
    ),
    queryByKeys(models.Organization, '_id', ids, (f) =>
      models.Organization.find(f, { reportedFemaleMembers: 1 }).lean<OrganizationDoc[]>(),
    ),
  ]);
  const unionOf = new Map(unions.map((u) => [u._id, u]));
  const reader = { loaders: createLoaders(models) };
  const checks: SixHavesCheck[] = [];
  for (const year of new Set(assessments.map((a) => a.year))) {
    const ofYear = assessments.filter((a) => a.year === year && unionOf.has(a.organizationId));
    const evidence = await evidenceOfUnions(
      reader,
      ofYear.map((a) => unionOf.get(a.organizationId)!),
      year,
    );
    for (const [i, a] of ofYear.entries())
      checks.push({
        organizationId: a.organizationId,
        year,
        sequence: taken,
        disagreeOn: disagreementsOf(a, evidence[i]!).map((d) => d.criterion),
      });
  }
  return checks;
}

/** Documents read per check while the read model is built. */
const BUILD_BATCH = 500;

/**
 * A collection whose changes change its union's evidence, as a statistics table reads it: each
 * document found comes with `checks`, its union's assessments checked anew. The engine reads a
 * table through `find(filter, projection).lean()`, awaited for the documents an event names or as
 * a cursor to build; `atBuild: false` builds an empty table, the assessments' own table having
 * checked every union then.
 */
export function checkedThrough<D extends { _id: string }>(
  models: Models,
  // biome-ignore lint/suspicious/noExplicitAny: any of the subgraph's collections
  model: Model<any>,
  unionOf: (doc: D) => string,
  atBuild: boolean,
  // biome-ignore lint/suspicious/noExplicitAny: the engine reads any collection's documents
): Model<any> {
  const attach = async (docs: D[]) => {
    const checks = await checksOf(models, docs.map(unionOf));
    return docs.map((d) => ({ ...d, checks: checks.filter((c) => c.organizationId === unionOf(d)) }));
  };
  async function* build(filter: Record<string, unknown>, projection: Record<string, 1>) {
    if (!atBuild) return;
    let batch: D[] = [];
    for await (const doc of model.find(filter, projection).lean<D[]>().cursor()) {
      batch.push(doc as D);
      if (batch.length < BUILD_BATCH) continue;
      yield* await attach(batch);
      batch = [];
    }
    yield* await attach(batch);
  }
  const find = (filter: Record<string, unknown>, projection: Record<string, 1>) => ({
    lean: () => ({
      // biome-ignore lint/suspicious/noThenProperty: the engine awaits it as a mongoose query
      then: <R>(ok: (docs: unknown[]) => R, fail?: (e: unknown) => R) =>
        model.find(filter, projection).lean<D[]>().then(attach).then(ok, fail),
      cursor: () => build(filter, projection),
    }),
  });
  return { db: model.db, find } as unknown as Model<D>;
}
