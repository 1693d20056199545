import { placeNames } from '@union-graph/domain';
import { asDate, today } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import type { CollectiveContractDoc, CoveredUnitDoc } from '../models';
import { contractView } from './contracts';

interface Tally {
  contracts: number;
  /** Workers per distinct unit: a unit under a sectoral and a regional contract counts once, at its largest figure. */
  workersByUnit: Map<string, number>;
}

export interface CoverageRegion {
  divisionCode: string;
  name: string | null;
  contracts: number;
  units: number;
  workers: number;
}

export interface SectoralCoverage extends Omit<CoverageRegion, 'divisionCode' | 'name'> {
  organizationId: string;
  asOf: Date;
  byRegion: CoverageRegion[];
}

const emptyTally = (): Tally => ({ contracts: 0, workersByUnit: new Map() });

function figures(t: Tally) {
  let workers = 0;
  for (const w of t.workersByUnit.values()) workers += w;
  return { contracts: t.contracts, units: t.workersByUnit.size, workers };
}

/**
 * §12 for a subtree: the sectoral and regional contracts in force on `asOf` (signed by then, within
 * their term), the units they list and the workers covered, by the county-level region of the
 * negotiating federation.
 */
export async function sectoralCoverage(
  ctx: Context,
  organizationId: string,
  asOf: Date | string | null | undefined,
): Promise<SectoralCoverage> {
  const at = asOf ? asDate(asOf) : today();
  const candidates = await ctx.models.CollectiveContract.find({
    ...(await ctx.scope.subtreeFilter(organizationId)),
    scope: { $in: ['SECTORAL', 'REGIONAL'] },
    startsOn: { $lte: at },
    expiresOn: { $gte: at },
  }).lean<CollectiveContractDoc[]>();
  const views = await Promise.all(candidates.map((c) => contractView(ctx, c, at)));
  const inForce = candidates.filter((_c, i) => {
    const signedOn = views[i]!.signedOn;
    return signedOn !== null && signedOn <= at;
  });
  const units = await ctx.models.CoveredUnit.find({
    contractId: { $in: inForce.map((c) => c._id) },
    $or: [{ removedOn: null }, { removedOn: { $gt: at } }],
  }).lean<CoveredUnitDoc[]>();
  const federations = await ctx.scope.orgs.loadMany([...new Set(inForce.map((c) => c.organizationId))]);
  const regionOf = new Map(
    federations.flatMap((f) => (f && !(f instanceof Error) ? [[f._id, f.divisionCode] as const] : [])),
  );
  const total = emptyTally();
  const regions = new Map<string, Tally>();
  const tallyOf = (federationId: string) => {
    const code = regionOf.get(federationId) ?? '';
    const t = regions.get(code) ?? emptyTally();
    regions.set(code, t);
    return t;
  };
  for (const c of inForce) {
    tallyOf(c.organizationId).contracts += 1;
    total.contracts += 1;
  }
  for (const u of units) {
    for (const t of [total, tallyOf(u.organizationId)])
      t.workersByUnit.set(u.hostUnitId, Math.max(t.workersByUnit.get(u.hostUnitId) ?? 0, u.workersCovered));
  }
  return {
    organizationId,
    asOf: at,
    ...figures(total),
    byRegion: [...regions]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([divisionCode, t]) => ({ divisionCode, name: placeNames(divisionCode).county, ...figures(t) })),
  };
}
