import * as cadres from '@union-graph/cadres/models';
import * as funds from '@union-graph/funds/models';
import * as members from '@union-graph/members/models';
import * as organizations from '@union-graph/organizations/models';
import { connectMongo, createRedis, orgChangeEvent, publishChanges } from '@union-graph/subgraph-kit';
import * as workerServices from '@union-graph/worker-services/models';
import type { Model } from 'mongoose';
import type { SeedPlan } from './plan';

export interface LoadTarget {
  mongoUrl: string;
  redisUrl: string;
  dbPrefix: string;
  keyspace: string;
}

const BATCH = 1000;

/** Inserts what is missing and leaves what exists alone, so the same seed never adds twice. */
type AnyModel = Model<unknown>;

async function upsertAll<T extends { _id: string }>(
  model: AnyModel,
  docs: T[],
  progress: (n: number) => void,
): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < docs.length; i += BATCH) {
    const chunk = docs.slice(i, i + BATCH);
    const res = await model.bulkWrite(
      chunk.map((d) => ({
        updateOne: { filter: { _id: d._id }, update: { $setOnInsert: d }, upsert: true },
      })) as Parameters<AnyModel['bulkWrite']>[0],
      { ordered: false },
    );
    inserted += res.upsertedCount;
    progress(chunk.length);
  }
  return inserted;
}

export interface LoadSummary {
  [collection: string]: { planned: number; inserted: number };
}

/** Loads each part through its owning subgraph's models, into that subgraph's own database. */
export async function loadPlan(
  plan: SeedPlan,
  target: LoadTarget,
  progress: (n: number) => void,
): Promise<LoadSummary> {
  const parts = [
    {
      subgraph: 'organizations',
      models: organizations.createModels,
      rows: { Organization: plan.organizations },
    },
    { subgraph: 'members', models: members.createModels, rows: { Member: plan.members } },
    { subgraph: 'cadres', models: cadres.createModels, rows: { Cadre: plan.cadres } },
    { subgraph: 'funds', models: funds.createModels, rows: { FundAccount: plan.fundAccounts } },
    {
      subgraph: 'worker-services',
      models: workerServices.createModels,
      rows: { WorkersHome: plan.workersHomes },
    },
  ] as const;
  const summary: LoadSummary = {};
  for (const part of parts) {
    const conn = await connectMongo(target.mongoUrl, `${target.dbPrefix}${part.subgraph}`);
    try {
      const models = part.models(conn) as unknown as Record<string, AnyModel>;
      for (const [name, rows] of Object.entries(part.rows) as [string, { _id: string }[]][]) {
        const model = models[name]!;
        await model.init();
        summary[name] = { planned: rows.length, inserted: await upsertAll(model, rows, progress) };
      }
    } finally {
      await conn.close();
    }
  }
  // Other subgraphs learn the tree from events, exactly as from the organizations subgraph.
  const redis = createRedis(target.redisUrl, 'seed');
  try {
    for (let i = 0; i < plan.organizations.length; i += BATCH) {
      await publishChanges(
        redis,
        target.keyspace,
        'organizations',
        plan.organizations.slice(i, i + BATCH).map((o) => orgChangeEvent(o)),
      );
    }
  } finally {
    redis.disconnect();
  }
  return summary;
}

export async function isSeeded(target: LoadTarget): Promise<boolean> {
  const conn = await connectMongo(target.mongoUrl, `${target.dbPrefix}organizations`);
  try {
    return (await organizations.createModels(conn).Organization.estimatedDocumentCount()) > 0;
  } finally {
    await conn.close();
  }
}
