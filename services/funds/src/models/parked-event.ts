import { now } from '@union-graph/subgraph-kit';
import { Schema } from 'mongoose';

/**
 * Another subgraph's change event the ledger could not post (malformed, or refused by a ledger
 * rule): kept whole with the reason instead of blocking the stream behind it. `_id` is
 * `<source>:<type>:<id>:<version>`, so a redelivery parks it once.
 */
export interface ParkedEventDoc {
  _id: string;
  source: string;
  event: unknown;
  reason: string;
  parkedAt: Date;
}

export const parkedEventSchema = new Schema<ParkedEventDoc>(
  {
    _id: { type: String, required: true },
    source: { type: String, required: true },
    event: { type: Schema.Types.Mixed, required: true },
    reason: { type: String, required: true },
    parkedAt: { type: Date, required: true, default: now },
  },
  { collection: 'parked_events', versionKey: false },
);
