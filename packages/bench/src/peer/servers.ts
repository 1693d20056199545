import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { type DocumentNode, execute, type GraphQLSchema, parse, validate } from 'graphql';
import { PEER_SDL, PEER_SUBGRAPHS, type PeerSubgraphName, peerResolvers } from './subgraphs';

/** The peer scenario's own servers, each started in a bench child process (child.ts). */
export type PeerServerConfig =
  | { kind: 'peer-subgraphs' }
  | { kind: 'hive-gateway'; supergraphSdl: string; dedup: boolean };

/** Answers kept per subgraph: the distinct-variables runs ask more than this, and start over. */
const MAX_ANSWERS = 20_000;

function listening(server: Server, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`),
    );
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * One subgraph's `POST` handler. The data never changes, so each distinct request body is
 * executed once and its serialized answer kept: the reference runs its subgraphs in Rust, and
 * here, as there, the subgraphs should cost next to nothing beside the gateway being measured.
 */
function subgraphHandler(schema: GraphQLSchema) {
  const answers = new Map<string, string>();
  const documents = new Map<string, DocumentNode>();
  const run = async (body: string): Promise<string> => {
    const { query, variables, operationName } = JSON.parse(body) as {
      query: string;
      variables?: Record<string, unknown>;
      operationName?: string;
    };
    let document = documents.get(query);
    if (!document) {
      document = parse(query);
      const errors = validate(schema, document);
      if (errors.length) return JSON.stringify({ errors });
      documents.set(query, document);
    }
    return JSON.stringify(
      await execute({
        schema,
        document,
        variableValues: variables,
        operationName: operationName ?? undefined,
      }),
    );
  };
  return async (body: string): Promise<string> => {
    const known = answers.get(body);
    if (known !== undefined) return known;
    const answer = await run(body);
    if (answers.size >= MAX_ANSWERS) answers.clear();
    answers.set(body, answer);
    return answer;
  };
}

/** The four subgraphs on one port, each at its own path (`/accounts`, …): one small process. */
async function startSubgraphs(): Promise<string> {
  const resolvers = peerResolvers();
  const handlers = new Map(
    PEER_SUBGRAPHS.map((name: PeerSubgraphName) => [
      `/${name}`,
      subgraphHandler(buildSubgraphSchema({ typeDefs: parse(PEER_SDL[name]), resolvers: resolvers[name] })),
    ]),
  );
  const server = createServer((req, res) => {
    const handle = handlers.get(req.url ?? '');
    if (!handle || req.method !== 'POST') {
      res.writeHead(404).end();
      return;
    }
    readBody(req)
      .then(handle)
      .then(
        (answer) => res.writeHead(200, { 'content-type': 'application/json' }).end(answer),
        (e: unknown) =>
          res
            .writeHead(400, { 'content-type': 'application/json' })
            .end(JSON.stringify({ errors: [{ message: String(e) }] })),
      );
  });
  server.keepAliveTimeout = 60_000;
  return listening(server, '/');
}

/**
 * Hive Gateway (`@graphql-hive/gateway`) run programmatically over the composed supergraph, as its
 * CLI would serve it, with its inbound in-flight deduplication on or off.
 */
async function startHive(supergraph: string, dedup: boolean): Promise<string> {
  const { createGatewayRuntime } = await import('@graphql-hive/gateway');
  const runtime = createGatewayRuntime({
    supergraph,
    logging: false,
    landingPage: false,
    graphiql: false,
    inboundInflightRequestDeduplication: dedup,
  });
  return listening(createServer(runtime), '/graphql');
}

export function startPeerServer(config: PeerServerConfig): Promise<string> {
  return config.kind === 'peer-subgraphs' ? startSubgraphs() : startHive(config.supergraphSdl, config.dedup);
}
