import * as cadres from '@union-graph/cadres/seeding';
import * as funds from '@union-graph/funds/seeding';
import * as guangdong from '@union-graph/guangdong/seeding';
import * as members from '@union-graph/members/seeding';
import * as organizations from '@union-graph/organizations/seeding';
import { connectMongo, createRedis, orgChangeEvent, publishChanges } from '@union-graph/subgraph-kit';
import * as workerServices from '@union-graph/worker-services/seeding';
import type { Connection, Model } from 'mongoose';
import type { SeedPlan } from './plan-types';
import { publishSixHavesEvidence } from './six-haves-evidence';

export interface LoadTarget {
  mongoUrl: string;
  redisUrl: string;
  dbPrefix: string;
  keyspace: string;
}

const BATCH = 1000;

type AnyModel = Model<unknown>;

function isDuplicateKeyOnly(
  e: unknown,
): e is { result?: { insertedCount?: number }; insertedCount?: number } {
  const errors = (e as { writeErrors?: { code?: number }[] } | null)?.writeErrors;
  return Array.isArray(errors) && errors.length > 0 && errors.every((w) => w.code === 11000);
}

/**
 * Inserts what is missing and leaves what exists alone, so the same seed never adds twice: ids
 * are stable, and an unordered bulk insert skips the duplicates (on FerretDB far faster than
 * upserts, which it runs one by one). Documents go through the model, so its schema validates them.
 */
async function insertMissing(
  model: AnyModel,
  docs: { _id: string }[],
  progress: (n: number) => void,
): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < docs.length; i += BATCH) {
    const chunk = docs.slice(i, i + BATCH);
    try {
      const res = await model.bulkWrite(
        chunk.map((document) => ({ insertOne: { document } })) as Parameters<AnyModel['bulkWrite']>[0],
        { ordered: false },
      );
      inserted += res.insertedCount;
    } catch (e) {
      if (!isDuplicateKeyOnly(e)) throw e;
      inserted += e.result?.insertedCount ?? e.insertedCount ?? 0;
    }
    progress(chunk.length);
  }
  return inserted;
}

export interface LoadSummary {
  /** `missing`: the owning subgraph has no such model (yet), so nothing was loaded. */
  [collection: string]: { planned: number; inserted: number; missing?: boolean };
}

type ModelFactory = (conn: Connection) => unknown;

/** Plan parts stored in a model of another name, each still one line of the load summary. */
const MODEL_OF: Record<string, string> = { FullTimeCadre: 'Cadre' };

/** Which subgraph owns which part of the plan, under which model name. */
function partsOf(
  plan: SeedPlan,
): { subgraph: string; models: ModelFactory; rows: Record<string, { _id: string }[]> }[] {
  return [
    {
      subgraph: 'organizations',
      models: organizations.createModels,
      rows: {
        Organization: plan.organizations,
        HostUnit: plan.hostUnits,
        Coverage: plan.coverages,
        CommitteeTerm: plan.committeeTerms,
        OrgConversion: plan.orgConversions,
        MembersMeeting: plan.membersMeetings,
        StandingDelegate: plan.standingDelegates,
        DelegateContact: plan.delegateContacts,
        UnionDisclosure: plan.unionDisclosures,
        LiaisonPoint: plan.liaisonPoints,
        LiaisonVisit: plan.liaisonVisits,
        SixHavesAssessment: plan.sixHavesAssessments,
        AnnualReview: plan.annualReviews,
      },
    },
    {
      subgraph: 'members',
      models: members.createModels,
      rows: {
        Member: plan.members,
        MemberCard: plan.memberCards,
        MemberTransfer: plan.transfers,
        TransferStep: plan.transferSteps,
        DuesPayment: plan.duesPayments,
        UnitDirectory: plan.unitDirectory,
      },
    },
    {
      subgraph: 'cadres',
      models: cadres.createModels,
      rows: {
        Cadre: plan.cadres,
        FullTimeCadre: plan.fullTimeCadres,
        Election: plan.elections,
        ElectionResult: plan.electionResults,
        Training: plan.trainings,
        ContractFiling: plan.contractFilings,
        ContractWorker: plan.contractWorkers,
        ContractWorkerStep: plan.contractWorkerSteps,
        Subsidy: plan.cadreSubsidies,
        RightsCase: plan.rightsCases,
      },
    },
    {
      subgraph: 'funds',
      models: funds.createModels,
      rows: {
        FundAccount: plan.fundAccounts,
        Posting: plan.postings,
        SubsidyPlan: plan.subsidyPlans,
        FundsAudit: plan.fundsAudits,
        Agreement: plan.centralizedAccounting,
        RightsFundAccount: plan.rightsFundAccounts,
      },
    },
    {
      subgraph: 'worker-services',
      models: workerServices.createModels,
      rows: {
        WorkersHome: plan.workersHomes,
        ModelTitle: plan.modelTitles,
        AssistanceCenter: plan.assistanceCenters,
        AssistanceCase: plan.assistanceCases,
        Step: plan.workflowSteps,
        CollectiveContract: plan.collectiveContracts,
        CoveredUnit: plan.coveredUnits,
        // §12: the same host-unit snapshots members keeps, for the area of a sectoral contract.
        UnitDirectory: plan.unitDirectory,
        WorkersCongress: plan.workersCongresses,
        Survey: plan.satisfactionSurveys,
        SurveyResponse: plan.surveyResponses,
        LaborAlert: plan.laborAlerts,
        CollectiveDispute: plan.collectiveDisputes,
        Competition: plan.competitions,
        CompetitionEntry: plan.competitionEntries,
        AwardNomination: plan.awardNominations,
        BenefitProgram: plan.benefitPrograms,
      },
    },
    {
      subgraph: 'guangdong',
      models: guangdong.createModels,
      rows: { BenefitCard: plan.gdBenefitCards, Honor: plan.gdHonors },
    },
  ];
}

/** Loads each part through its owning subgraph's models, into that subgraph's own database. */
export async function loadPlan(
  plan: SeedPlan,
  target: LoadTarget,
  progress: (n: number) => void,
): Promise<LoadSummary> {
  const summary: LoadSummary = {};
  for (const part of partsOf(plan)) {
    const conn = await connectMongo(target.mongoUrl, `${target.dbPrefix}${part.subgraph}`);
    try {
      const models = part.models(conn) as Record<string, AnyModel | undefined>;
      for (const [name, rows] of Object.entries(part.rows)) {
        const model = models[MODEL_OF[name] ?? name];
        if (!model) {
          summary[name] = { planned: rows.length, inserted: 0, missing: true };
          progress(rows.length);
          continue;
        }
        await model.init();
        summary[name] = { planned: rows.length, inserted: await insertMissing(model, rows, progress) };
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
    // R14: organizations learns the registry's counts per union the same way, from members' stream.
    const counts = members.registryCountsOf(plan.members);
    for (let i = 0; i < counts.length; i += BATCH)
      await publishChanges(redis, target.keyspace, 'members', counts.slice(i, i + BATCH));
    // R5: and the six haves' evidence, from cadres', funds' and worker-services' streams.
    await publishSixHavesEvidence(plan, target, redis);
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
