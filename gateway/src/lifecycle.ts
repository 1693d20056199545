import type { ApolloServer } from '@apollo/server';
import { httpListener, type Logger } from '@union-graph/subgraph-kit';
import type express from 'express';
import type { GatewayCaches } from './caches';
import type { GatewayContext } from './signed-data-source';
import type { Subscriptions } from './subscriptions';
import type { SupergraphSource } from './supergraph';

export interface Lifecycle {
  listen(port?: number, host?: string): Promise<string>;
  /**
   * Ends the subscriptions' streams, stops taking requests, then Apollo, the supergraph watcher,
   * the change followers and Redis.
   */
  stop(): Promise<void>;
}

export function lifecycle(
  app: express.Express,
  apollo: ApolloServer<GatewayContext>,
  supergraph: SupergraphSource,
  caches: GatewayCaches,
  log: Logger,
  subscriptions: Pick<Subscriptions, 'attach' | 'stop'>,
): Lifecycle {
  // The kit's listener calls express's `listen`: the server it makes also takes WebSocket upgrades.
  const listen = app.listen.bind(app);
  app.listen = ((...args: Parameters<typeof listen>) => {
    const server = listen(...args);
    subscriptions.attach(server);
    return server;
  }) as typeof app.listen;
  const http = httpListener(app);
  return {
    async listen(port, host) {
      const url = await http.listen(port, host);
      log.info({ url }, 'gateway ready');
      return url;
    },
    async stop() {
      // Open streams would hold the listener's close for its whole grace period.
      await subscriptions.stop();
      await http.close();
      await apollo.stop();
      supergraph.close();
      await caches.stop();
    },
  };
}
