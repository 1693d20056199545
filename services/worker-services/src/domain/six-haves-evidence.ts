import { type ChangeEvent, findByKeys, loadSumsBy, type OrgSnapshotSource } from '@union-graph/subgraph-kit';
import type { AssistanceCenterDoc, Models, SurveyDoc, WorkersCongressDoc, WorkersHomeDoc } from '../models';

const day = (d: Date) => new Date(d).toISOString().slice(0, 10);

/**
 * R5, three of the six haves as worker-services knows them: the service carriers (有服务职工的活动载体:
 * Workers' Homes of every kind and assistance centers, from the day they opened), workers' congress
 * sessions (part of 有健全完善的制度机制) and member satisfaction surveys with their tallies
 * (有会员满意的工作绩效). Ids and dates only: no member is named.
 */
export interface ServicesEvidence {
  carriers: { kind: 'WORKERS_HOME' | 'ONLINE_HOME' | 'ASSISTANCE_CENTER'; id: string; since: string }[];
  congresses: { congressId: string; heldOn: string }[];
  surveys: { surveyId: string; year: number; responses: number; satisfied: number }[];
}

export interface ServicesRecords {
  homes: readonly Pick<WorkersHomeDoc, '_id' | 'organizationId' | 'kind' | 'establishedAt'>[];
  centers: readonly Pick<AssistanceCenterDoc, '_id' | 'organizationId' | 'createdAt'>[];
  congresses: readonly Pick<WorkersCongressDoc, '_id' | 'organizationId' | 'heldOn'>[];
  surveys: readonly (Pick<SurveyDoc, '_id' | 'organizationId' | 'year'> & {
    responses: number;
    satisfied: number;
  })[];
}

function byUnion<T extends { organizationId: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const r of rows) groups.set(r.organizationId, [...(groups.get(r.organizationId) ?? []), r]);
  return groups;
}

export function servicesEvidence(records: ServicesRecords, unionIds: readonly string[]): ServicesEvidence[] {
  const [homes, centers, congresses, surveys] = [
    byUnion(records.homes),
    byUnion(records.centers),
    byUnion(records.congresses),
    byUnion(records.surveys),
  ];
  return unionIds.map((id) => ({
    carriers: [
      ...(homes.get(id) ?? []).map((h) => ({
        kind: h.kind === 'ONLINE' ? ('ONLINE_HOME' as const) : ('WORKERS_HOME' as const),
        id: h._id,
        since: day(h.establishedAt),
      })),
      ...(centers.get(id) ?? []).map((c) => ({
        kind: 'ASSISTANCE_CENTER' as const,
        id: c._id,
        since: day(c.createdAt),
      })),
    ].sort((a, b) => a.since.localeCompare(b.since)),
    congresses: (congresses.get(id) ?? [])
      .map((c) => ({ congressId: c._id, heldOn: day(c.heldOn) }))
      .sort((a, b) => a.heldOn.localeCompare(b.heldOn)),
    surveys: (surveys.get(id) ?? [])
      .map((s) => ({ surveyId: s._id, year: s.year, responses: s.responses, satisfied: s.satisfied }))
      .sort((a, b) => a.year - b.year),
  }));
}

const CARRIER_EVENTS = ['WorkersHome', 'AssistanceCenter', 'SatisfactionSurvey'];

/** Homes, centers and surveys name their union in `affects`; a congress's event names only itself. */
async function servicesUnions(events: readonly ChangeEvent[], models: Models): Promise<string[]> {
  const named = events
    .filter((e) => CARRIER_EVENTS.includes(e.type))
    .flatMap((e) => (e.affects ?? []).filter((r) => r.type === 'Organization').map((r) => r.id));
  const congressIds = events.filter((e) => e.type === 'WorkersCongress').map((e) => e.id);
  const congresses = congressIds.length
    ? await models.WorkersCongress.find({ _id: { $in: congressIds } }, { organizationId: 1 }).lean()
    : [];
  return [...new Set([...named, ...congresses.map((c) => c.organizationId)])];
}

/** What worker-services tells organizations for the six haves (R5): organizations keeps it. */
export const sixHavesEvidence: OrgSnapshotSource<Models> = {
  type: 'SixHavesEvidence',
  changedBy: servicesUnions,
  snapshots: async (models, unionIds) => {
    // By union however many (a full resync names every one: see the kit's findByKeys).
    const [homes, centers, congresses, surveys] = await Promise.all([
      findByKeys(models.WorkersHome, 'organizationId', unionIds),
      findByKeys(models.AssistanceCenter, 'organizationId', unionIds),
      findByKeys(models.WorkersCongress, 'organizationId', unionIds, {
        projection: { organizationId: 1, heldOn: 1 },
      }),
      findByKeys(models.Survey, 'organizationId', unionIds),
    ]);
    const tallies = await loadSumsBy(models.SurveyResponse, 'surveyId', {
      responses: 1,
      satisfied: 'satisfied',
    }).loadMany(surveys.map((s) => s._id));
    const counted = surveys.map((s, i) => {
      const t = tallies[i];
      if (t instanceof Error) throw t;
      return { ...s, responses: t?.responses ?? 0, satisfied: t?.satisfied ?? 0 };
    });
    return servicesEvidence({ homes, centers, congresses, surveys: counted }, unionIds);
  },
  connection: (models) => models.WorkersHome.db,
};
