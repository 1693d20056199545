import {
  BadUserInputError,
  type ChangeEvent,
  ConflictError,
  createLogger,
  insertIfAbsent,
  orgDirectoryModel,
  orgLookupFrom,
  Scope,
} from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { createLoaders } from '../loaders';
import type { Models } from '../models';
import { post, postedEvents } from './ledger';
import { CADRES_SUBGRAPH, cadrePaymentDraft, isPaymentSource, paymentOf } from './rights-payments';

/** Who enters the postings of cadres' events (their `enteredBy`). */
const CADRES_EVENTS = { id: 'system:cadres-events', roles: [], orgId: null };

const log = createLogger('funds');

/**
 * A request-like context for one batch: a fresh scope and loaders. It publishes nothing: what
 * changed is returned for the relay instead, replays included.
 */
function batchContext(models: Models): Context {
  const scope = new Scope(CADRES_EVENTS, orgLookupFrom(orgDirectoryModel(models.Posting.db)));
  return {
    caller: CADRES_EVENTS,
    requestId: 'events:cadres',
    log,
    models,
    loaders: createLoaders(models, scope),
    scope,
    publish: async () => undefined,
  };
}

async function park(models: Models, e: ChangeEvent, reason: string): Promise<void> {
  await insertIfAbsent(models.ParkedEvent, {
    _id: `${CADRES_SUBGRAPH}:${e.type}:${e.id}:${e.version}`,
    source: CADRES_SUBGRAPH,
    event: e,
    reason,
  });
  log.error({ event: { type: e.type, id: e.id, version: e.version }, reason }, 'cadres event parked');
}

/**
 * Posts cadres' payments out of the rights-protection fund through the ledger's own `post`, in the
 * stream's order. The consumer acknowledges a batch only after this returns, so a crash between
 * the insert and the ack redelivers, and the posting's fixed key makes the repeat a no-op. An
 * event the ledger can never post (no payment in it, a closed period, a payer that may not hold
 * the fund) is parked with its reason, not retried forever in front of the rest; a payer missing
 * from the directory is retried, since the directory may just lag behind cadres'. Returns what the
 * gateway must drop from its cache (relayed on funds' stream).
 */
export async function postCadresPayments(events: readonly ChangeEvent[], models: Models) {
  const changed: ChangeEvent[] = [];
  const ctx = batchContext(models);
  for (const e of events) {
    // A case's opening (no approved support yet) moves no money.
    if (!isPaymentSource(e.type) || e.op !== 'upsert' || (e.type === 'RightsProtectionCase' && !e.data))
      continue;
    const found = paymentOf(e.data);
    if ('problem' in found) {
      await park(models, e, found.problem);
      continue;
    }
    try {
      const { posting } = await post(ctx, cadrePaymentDraft(e.type, e.id, found.payment));
      // Also after a replay: the first delivery's relay may be what failed. The record's `posting`
      // field shows the posting now.
      for (const c of await postedEvents(ctx, posting)) {
        changed.push(c.type === 'Posting' ? { ...c, affects: [{ type: e.type, id: e.id }] } : c);
      }
    } catch (err) {
      if (!(err instanceof BadUserInputError || err instanceof ConflictError)) throw err;
      await park(models, e, err.message);
    }
  }
  return changed;
}
