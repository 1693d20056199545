import type { ApolloServer } from '@apollo/server';
import { httpListener, type Logger } from '@union-graph/subgraph-kit';
import type express from 'express';
import type { GatewayCaches } from './caches';
import type { GatewayContext } from './signed-data-source';
import type { SupergraphSource } from './supergraph';

export interface Lifecycle {
  listen(port?: number, host?: string): Promise<string>;
  /** Stops taking requests, then Apollo, the supergraph watcher, the change followers and Redis. */
  stop(): Promise<void>;
}

export function lifecycle(
  app: express.Express,
  apollo: ApolloServer<GatewayContext>,
  supergraph: SupergraphSource,
  caches: GatewayCaches,
  log: Logger,
): Lifecycle {
  const http = httpListener(app);
  return {
    async listen(port, host) {
      const url = await http.listen(port, host);
      log.info({ url }, 'gateway ready');
      return url;
    },
    async stop() {
      await http.close();
      await apollo.stop();
      supergraph.close();
      await caches.stop();
    },
  };
}
