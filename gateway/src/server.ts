import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { type Caller, TokenError, verifyToken } from '@union-graph/auth';
import { createLogger, type Logger } from '@union-graph/subgraph-kit';
import express, { type Request } from 'express';
import { GraphQLError } from 'graphql';
import { type GatewayContext, SignedDataSource } from './signed-data-source';

export interface GatewayOptions {
  supergraphSdl: string;
  hopSecret: string;
  jwtSecret: string;
  /** Replaces the URLs written in the supergraph, by subgraph name (tests, containers). */
  subgraphUrls?: Record<string, string>;
  logger?: Logger;
}

export interface GatewayServer {
  app: express.Express;
  listen(port?: number, host?: string): Promise<string>;
  stop(): Promise<void>;
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

async function callerOf(req: Request, jwtSecret: string): Promise<Caller> {
  const header = req.headers.authorization;
  if (!header) throw unauthenticated('Authorization: Bearer <token> is required');
  const [scheme, token] = header.split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token)
    throw unauthenticated('Authorization must be "Bearer <token>"');
  try {
    return await verifyToken(token, jwtSecret);
  } catch (e) {
    throw unauthenticated(e instanceof TokenError ? e.message : 'invalid token');
  }
}

export async function createGateway(opts: GatewayOptions): Promise<GatewayServer> {
  const log = opts.logger ?? createLogger('gateway');
  const gateway = new ApolloGateway({
    supergraphSdl: opts.supergraphSdl,
    buildService: ({ name, url }) => new SignedDataSource(opts.subgraphUrls?.[name] ?? url!, opts.hopSecret),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    res.json({ status: 'ready' });
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const requestId =
          typeof req.headers['x-request-id'] === 'string' ? req.headers['x-request-id'] : randomUUID();
        return { caller: await callerOf(req, opts.jwtSecret), requestId };
      },
    }),
  );

  let server: Server | undefined;
  return {
    app,
    listen(port = 0, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        const s = app.listen(port, host, (err?: Error) => {
          if (err) return reject(err);
          const url = `http://${host}:${(s.address() as AddressInfo).port}/graphql`;
          log.info({ url }, 'gateway ready');
          resolve(url);
        });
        server = s;
      });
    },
    async stop() {
      if (server) {
        const s = server;
        await new Promise<void>((resolve) => {
          s.close(() => resolve());
          s.closeIdleConnections();
        });
      }
      await apollo.stop();
    },
  };
}
