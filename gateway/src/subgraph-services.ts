import type { ServiceEndpointDefinition } from '@apollo/gateway';
import type { EntityCache } from './entity-cache';
import type { Metrics } from './metrics';
import type { GatewayOptions } from './options';
import { SignedDataSource } from './signed-data-source';

type ServiceOptions = Pick<GatewayOptions, 'hopSecret' | 'subgraphUrls' | 'subgraphTimeoutMs'>;

/**
 * ApolloGateway's `buildService`: every subgraph is called through the signed hop, at the URL the
 * supergraph names unless `subgraphUrls` replaces it, with its entities cached when Redis is there.
 */
export function subgraphServices(
  opts: ServiceOptions,
  entityCache: EntityCache | undefined,
  metrics: Metrics,
) {
  return ({ name, url }: ServiceEndpointDefinition) =>
    new SignedDataSource({
      name,
      url: opts.subgraphUrls?.[name] ?? url!,
      hopSecret: opts.hopSecret,
      timeoutMs: opts.subgraphTimeoutMs,
      entityCache,
      metrics,
    });
}
