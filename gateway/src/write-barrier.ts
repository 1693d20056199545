import type { ApolloServerPlugin } from '@apollo/server';
import { OperationTypeNode } from 'graphql';
import type { GatewayCaches } from './caches';
import type { GatewayContext } from './signed-data-source';

/**
 * Longest a mutation's answer waits for the caches: the replicas apply an event within
 * milliseconds, so only a stalled or crashed replica holding the event runs into it.
 */
const BARRIER_MS = 1_000;

/**
 * Read-your-writes through the caches: a mutation answers once the gateway replicas (one consumer
 * group; each event goes to one of them) have applied the change events its subgraphs published
 * before answering it (they publish before they answer, see the kit's outbox), so no read sent
 * after the acknowledgement, by anyone, gets a cached answer the write made stale.
 */
export function writeBarrierPlugin(caches: GatewayCaches): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, contextValue }) {
          const wrote = contextValue.trace?.subgraphs;
          // With Redis down the caches are bypassed: nothing to wait for.
          if (operation?.operation !== OperationTypeNode.MUTATION || !wrote?.size || !caches.store?.available)
            return;
          await caches.appliedEverywhere(wrote, Date.now() + BARRIER_MS).catch(() => undefined);
        },
      };
    },
  };
}
