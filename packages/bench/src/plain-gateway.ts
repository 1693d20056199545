import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { signHop } from '@union-graph/auth';
import type { GatewayConfig } from './protocol';

/**
 * The baseline for the caching scenario: stock Apollo Gateway with no plugins, over the same
 * supergraph and subgraphs. Subgraphs accept only signed hops, so its fetcher signs one fixed
 * caller; it checks no token, which if anything flatters the baseline.
 */
export async function startPlainGateway(config: GatewayConfig): Promise<string> {
  const gateway = new ApolloGateway({
    supergraphSdl: config.supergraphSdl,
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource({
        url: config.subgraphUrls[name] ?? url,
        fetcher: (input, init) => {
          const headers = new Headers(init?.headers as ConstructorParameters<typeof Headers>[0]);
          for (const [k, v] of Object.entries(
            signHop(config.caller, String(init?.body ?? ''), config.hopSecret),
          ))
            headers.set(k, v);
          return fetch(input as string, { ...(init as RequestInit), headers }) as never;
        },
      }),
  });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return url;
}
