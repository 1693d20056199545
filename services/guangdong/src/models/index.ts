import type { Connection } from 'mongoose';
import { benefitCardModel } from './card';
import { honorModel } from './honor';

export * from './card';
export * from './honor';

/** A core entity (Organization, Member) this subgraph extends: only its key travels here. */
export interface EntityKey {
  id: string;
}

export function createModels(conn: Connection) {
  return { BenefitCard: benefitCardModel(conn), Honor: honorModel(conn) };
}

export type Models = ReturnType<typeof createModels>;
