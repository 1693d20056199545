import { createHash } from 'node:crypto';
import { type ApolloServer, HeaderMap, type HTTPGraphQLResponse } from '@apollo/server';
import type { Request, RequestHandler, Response } from 'express';
import { getOperationAST, OperationTypeNode, parse } from 'graphql';
import { LRUCache } from 'lru-cache';
import { scopeKey } from './entity-cache';
import type { Metrics } from './metrics';
import type { GatewayContext } from './signed-data-source';

/**
 * Whether a document's chosen operation is a query, remembered per document and operation name:
 * parsing once more for every request would cost a good part of what sharing saves. A document
 * that does not parse is not shared (Apollo answers its error to each request).
 */
const queries = new LRUCache<string, boolean>({ max: 2_000 });
function isQuery(query: string, operationName: unknown): boolean {
  const name = typeof operationName === 'string' ? operationName : undefined;
  const known = queries.get(`${name ?? ''}\n${query}`);
  if (known !== undefined) return known;
  let answer = false;
  try {
    answer = getOperationAST(parse(query), name)?.operation === OperationTypeNode.QUERY;
  } catch {
    answer = false;
  }
  queries.set(`${name ?? ''}\n${query}`, answer);
  return answer;
}

/**
 * What makes two requests the same: the document, operation, variables and extensions, and the
 * caller (subject and scope, which includes the client and the language asked for). The subject is part
 * of it, not only the scope, so that every person an answer with personal data reaches is served
 * (and logged) by an execution of their own.
 */
export function sharingKey(req: Request): string | undefined {
  const params = (req.method === 'POST' ? req.body : req.query) as Record<string, unknown> | undefined;
  if (typeof params?.query !== 'string' || !isQuery(params.query, params.operationName)) return undefined;
  const caller = req.caller!;
  return createHash('sha256')
    .update(
      JSON.stringify([
        caller.id,
        scopeKey(caller),
        req.method,
        params.query,
        params.operationName ?? null,
        params.variables ?? null,
        params.extensions ?? null,
      ]),
    )
    .digest('base64url');
}

function apolloRequest(req: Request) {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers))
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  const search = new URL(req.originalUrl, 'http://gateway').search;
  return { method: req.method.toUpperCase(), headers, search, body: req.body as unknown };
}

async function send(res: Response, answer: HTTPGraphQLResponse): Promise<void> {
  for (const [key, value] of answer.headers) res.setHeader(key, value);
  res.statusCode = answer.status ?? 200;
  if (answer.body.kind === 'complete') {
    res.send(answer.body.string);
    return;
  }
  for await (const chunk of answer.body.asyncIterator) res.write(chunk);
  res.end();
}

/**
 * Apollo's HTTP handler with in-flight deduplication (as Hive Gateway and Apollo Router do):
 * identical queries arriving while one of them executes share its execution and its serialized
 * answer. Mutations and subscriptions never share; nor do answers delivered in parts (`@defer`),
 * which a waiting request then executes itself.
 */
export function sharedExecution(
  apollo: ApolloServer<GatewayContext>,
  context: (req: Request) => Promise<GatewayContext>,
  metrics: Metrics,
): RequestHandler {
  const inflight = new Map<string, Promise<HTTPGraphQLResponse>>();
  const execute = (req: Request) =>
    apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: apolloRequest(req), context: () => context(req) });
  return async (req, res, next) => {
    try {
      const key = sharingKey(req);
      const running = key ? inflight.get(key) : undefined;
      if (running) {
        metrics.shared.inc();
        const answer = await running;
        await send(res, answer.body.kind === 'complete' ? answer : await execute(req));
        return;
      }
      const execution = execute(req);
      if (key) {
        inflight.set(key, execution);
        const done = () => inflight.delete(key);
        execution.then(done, done);
      }
      await send(res, await execution);
    } catch (e) {
      next(e);
    }
  };
}
