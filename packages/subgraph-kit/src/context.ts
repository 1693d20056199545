import type { Caller } from '@union-graph/auth';
import type { ChangeEvent } from './events';
import type { Logger } from './logger';
import type { PersonalAccessNotes } from './personal';
import type { Scope } from './scope';
import type { Statistics } from './statistics';

/** What every resolver receives. `models` and `loaders` are the subgraph's own. */
export interface SubgraphContext<TModels, TLoaders> {
  caller: Caller;
  requestId: string;
  log: Logger;
  models: TModels;
  /** Fresh per request: batching within a request, no caching across callers. */
  loaders: TLoaders;
  scope: Scope;
  /** Appends change events to this subgraph's stream (after the write has succeeded). */
  publish: (events: ChangeEvent[]) => Promise<void>;
  /** What this request revealed of personal data, for the access log (see access-log.ts). */
  personalAccess?: PersonalAccessNotes;
  /** The subgraph's columnar read model, when its definition declares `statistics` (issue #19). */
  statistics?: Statistics;
}
