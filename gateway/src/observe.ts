import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '@union-graph/subgraph-kit';
import { type Metrics, operationLabel } from './metrics';
import type { GatewayContext } from './signed-data-source';

/** Counts requests, errors and latency by operation and client, and logs one line per request. */
export function observePlugin(metrics: Metrics, log: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async didEncounterErrors({ errors }) {
          for (const e of errors)
            metrics.errors.inc({ code: String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
        },
        async willSendResponse({ operationName, request, response }) {
          const labels = {
            operation: operationLabel(operationName ?? request.operationName),
            client: contextValue.caller?.client ?? 'none',
          };
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          metrics.requests.inc(labels);
          metrics.latency.observe(labels, seconds);
          const errors =
            response.body.kind === 'single' ? response.body.singleResult.errors?.length : undefined;
          log.info(
            { requestId: contextValue.requestId, ...labels, ms: Math.round(seconds * 1000), errors },
            'request',
          );
        },
      };
    },
  };
}
