import type { ApolloServerPlugin } from '@apollo/server';
import type { Caller } from '@union-graph/auth';
import { type Connection, type Model, Schema } from 'mongoose';
import { now } from './calendar';
import { isDuplicateKey } from './errors';
import type { ChangeEvent } from './events';
import type { Logger } from './logger';
import type { PersonalAccessNotes, PersonalKind } from './personal';

/**
 * The access log of personal data (PIPL art. 45, docs/personal-data.md): every answer that carried
 * revealed sensitive personal data (`isLoggedKind`) is recorded once — who, when, which records,
 * which kinds, which operation — in the serving subgraph's append-only `personal_access_log`.
 * Subgraphs other than the keeper (members) also publish each entry as a `PersonalDataAccess`
 * change event, and the keeper copies it into its own log, so one collection answers a member's
 * "who looked at my record".
 */
export const PERSONAL_ACCESS_EVENT_TYPE = 'PersonalDataAccess';

export interface PersonalAccessDoc {
  /** `<subgraph>:<hop nonce>`: one per subgraph request, so a retried write cannot double it. */
  _id: string;
  subgraph: string;
  at: Date;
  callerId: string;
  roles: string[];
  client: string | null;
  orgId: string | null;
  /** The client's operation name (the gateway's `__<subgraph>__<n>` suffix removed). */
  operationName: string | null;
  requestId: string;
  records: { type: string; id: string }[];
  kinds: PersonalKind[];
  /** The members the revealed records belong to (the policy's `personOf`). */
  memberIds: string[];
}

const APPEND_ONLY = /^(update|replace|delete|findOneAnd|findByIdAnd)/;

const accessSchema = new Schema<PersonalAccessDoc>(
  {
    _id: String,
    subgraph: { type: String, required: true },
    at: { type: Date, required: true, index: true },
    callerId: { type: String, required: true, index: true },
    roles: [String],
    client: { type: String, default: null },
    orgId: { type: String, default: null },
    operationName: { type: String, default: null },
    requestId: String,
    records: [{ _id: false, type: { type: String }, id: String }],
    kinds: [String],
    memberIds: { type: [String], index: true },
  },
  { collection: 'personal_access_log', versionKey: false },
);
// Append-only: the code has no path that changes or removes an entry.
accessSchema.pre(/./, function refuseChanges(this: { op?: string }) {
  if (this.op && APPEND_ONLY.test(this.op))
    throw new Error(`personal_access_log is append-only (${this.op})`);
});

export function personalAccessModel(conn: Connection): Model<PersonalAccessDoc> {
  return conn.models.PersonalAccess ?? conn.model<PersonalAccessDoc>('PersonalAccess', accessSchema);
}

/** The client's operation name from the one the gateway gave the subgraph fetch (`Op__members__0`). */
export function clientOperationName(name: string | null | undefined): string | null {
  if (!name) return null;
  return /^(.+?)__\w+__\d+$/.exec(name)?.[1] ?? name;
}

export function accessEntry(
  subgraph: string,
  id: string,
  caller: Caller,
  requestId: string,
  operationName: string | null | undefined,
  notes: PersonalAccessNotes,
): PersonalAccessDoc {
  return {
    _id: id,
    subgraph,
    at: now(),
    callerId: caller.id,
    roles: [...caller.roles],
    client: caller.client ?? null,
    orgId: caller.orgId,
    operationName: clientOperationName(operationName),
    requestId,
    ...notes.summary(),
  };
}

/** Appends an entry; a repeat of the same id (a retry whose first write did land) is no second entry. */
async function append(model: Model<PersonalAccessDoc>, doc: PersonalAccessDoc): Promise<void> {
  try {
    await model.create(doc);
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
}

/** The keeper's copy of other subgraphs' entries, from their `PersonalDataAccess` events. */
export async function applyPersonalAccessEvents(
  model: Model<PersonalAccessDoc>,
  events: readonly ChangeEvent[],
): Promise<void> {
  for (const e of events) {
    if (e.type !== PERSONAL_ACCESS_EVENT_TYPE || e.op !== 'upsert' || !e.data) continue;
    const data = e.data as PersonalAccessDoc;
    await append(model, { ...data, _id: e.id, at: new Date(data.at) });
  }
}

export interface AccessLogPluginOptions {
  subgraph: string;
  model: Model<PersonalAccessDoc>;
  /** Publishes the entry for the keeper (absent in the keeper itself). */
  publish?: (events: ChangeEvent[]) => Promise<void>;
  log: Logger;
}

interface AccessLogContext {
  caller: Caller;
  requestId: string;
  log: Logger;
  personalAccess?: PersonalAccessNotes;
}

/**
 * Writes one entry per answer that revealed something logged, before the answer leaves (nothing
 * when nothing was revealed). Fails closed: when the entry cannot be stored (after one retry), the
 * answer is replaced by an error — sensitive data is never served unlogged (PIPL art. 45) — and
 * the entry goes to the error log in full, so the access attempt itself is not lost. A change a
 * mutation made stands; the client reads it back, as after any lost answer.
 */
export function accessLogPlugin(opts: AccessLogPluginOptions): ApolloServerPlugin<AccessLogContext> {
  return {
    async requestDidStart() {
      return {
        // An answer the gateway served from its caches would reach no subgraph and go unlogged: an
        // answer that revealed logged data is uncacheable, so every such answer is logged.
        async executionDidStart({ contextValue, overallCachePolicy }) {
          return {
            async executionDidEnd() {
              if (contextValue.personalAccess && !contextValue.personalAccess.empty)
                overallCachePolicy.restrict({ maxAge: 0 });
            },
          };
        },
        async willSendResponse({ contextValue, response, operationName, operation }) {
          const notes = contextValue.personalAccess;
          if (!notes || notes.empty) return;
          response.http.headers.set('cache-control', 'no-store');
          const entry = accessEntry(
            opts.subgraph,
            notes.id,
            contextValue.caller,
            contextValue.requestId,
            operationName,
            notes,
          );
          try {
            await append(opts.model, entry).catch(() => append(opts.model, entry));
          } catch (err) {
            contextValue.log.error(
              { err, personalAccess: entry },
              'PERSONAL DATA ACCESS NOT RECORDED: answer withheld (PIPL art. 45)',
            );
            const mutation = operation?.operation === 'mutation';
            response.body = {
              kind: 'single',
              singleResult: {
                errors: [
                  {
                    message: `Personal data was withheld: its access could not be recorded${mutation ? ' (the change may have been made: read it back)' : ''}`,
                    extensions: { code: 'INTERNAL_SERVER_ERROR' },
                  },
                ],
              },
            };
            return;
          }
          if (!opts.publish) return;
          try {
            await opts.publish([
              { type: PERSONAL_ACCESS_EVENT_TYPE, id: entry._id, op: 'upsert', version: 1, data: entry },
            ]);
          } catch (err) {
            // Recorded here; only the keeper's copy is missing. Loud, so an operator copies it.
            contextValue.log.error(
              { err, personalAccess: entry },
              'personal data access recorded but not published to the access log keeper',
            );
          }
        },
      };
    },
  };
}
