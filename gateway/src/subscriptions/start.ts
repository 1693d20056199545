import { randomUUID } from 'node:crypto';
import { Supergraph } from '@apollo/federation-internals';
import type { ApolloServer } from '@apollo/server';
import type { Caller } from '@union-graph/auth';
import type { Message } from '@union-graph/subgraph-kit';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  parse,
  validate,
} from 'graphql';
import { decodeJwt } from 'jose';
import { messageExtensions } from '../errors';
import { fillRegisteredQuery } from '../graphql-route';
import type { QueryLimits } from '../limits';
import type { GatewayOptions } from '../options';
import { operationPolicy } from '../policy';
import type { GatewayContext } from '../signed-data-source';
import type { SupergraphSource } from '../supergraph';
import { gatewayText } from '../texts';
import type { Delivery } from './delivery';
import { type Execute, type SubscriptionHub, TooManySubscriptions, type Transport } from './hub';
import { compileSubscription } from './operation';

/** What a client sends to subscribe, over either transport. */
export interface SubscribeParams {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
  extensions?: unknown;
}

export type Started =
  | { ok: true; delivery: Delivery; document: DocumentNode }
  | { ok: false; status: number; errors: GraphQLFormattedError[] };

export type StartSubscription = (
  caller: Caller,
  params: SubscribeParams,
  transport: Transport,
  extra?: { expiresAt?: number; lastEventId?: string },
) => Promise<Started>;

/** When a bearer token the authenticator accepted expires (ms since epoch). */
export function tokenExpiry(authorization: string | undefined): number | undefined {
  const exp = decodeJwt(authorization?.split(' ')[1] ?? '').exp;
  return exp === undefined ? undefined : exp * 1000;
}

function problem(caller: Caller, status: number, code: string, message: Message, extensions = {}): Started {
  return {
    ok: false,
    status,
    errors: [
      {
        message: message.render(caller.language ?? 'zh'),
        extensions: { code, ...extensions, ...messageExtensions(message) },
      },
    ],
  };
}

function refusal(e: unknown): Started {
  if (!(e instanceof GraphQLError)) throw e;
  const { http, ...extensions } = e.extensions as { http?: { status?: number } };
  return { ok: false, status: http?.status ?? 400, errors: [{ ...e.toJSON(), extensions }] };
}

const badRequest = (errors: readonly GraphQLError[], code: string): Started => ({
  ok: false,
  status: 400,
  errors: errors.map((e) => ({ ...e.toJSON(), extensions: { code } })),
});

/** The API schema of the supergraph serving now, rebuilt when a new one is applied. */
export function apiSchema(supergraph: SupergraphSource): () => GraphQLSchema {
  let built: { id: string; schema: GraphQLSchema } | undefined;
  return () => {
    if (built?.id !== supergraph.id)
      built = { id: supergraph.id, schema: Supergraph.build(supergraph.sdl).apiSchema().toGraphQLJSSchema() };
    return built.schema;
  };
}

/** The gateway's own execution path (plugins, the signed hop) for a subscription's queries. */
export function executeThrough(apollo: ApolloServer<GatewayContext>, timeoutMs: number): Execute {
  return async (caller, query, variables) => {
    const answer = await apollo.executeOperation(
      { query, variables },
      {
        contextValue: {
          caller,
          requestId: randomUUID(),
          deadlineAt: Date.now() + timeoutMs,
          subscriptionEvent: true,
        },
      },
    );
    // Subscriptions' queries never @defer: the answer comes whole.
    return answer.body.kind === 'single' ? answer.body.singleResult : {};
  };
}

const ROOT_QUERY = 'query SubscriptionRoot($id: ID!) { organization(id: $id) { id } }';

/**
 * Starting a subscription, for both transports: the document is checked as a query is (trusted
 * documents, validation, limits), must subscribe to a field the gateway serves, and the subscribed
 * union must be visible to the caller (NOT_FOUND otherwise); then the caller's limits.
 */
export function subscriptionStarter(parts: {
  opts: GatewayOptions;
  limits: QueryLimits;
  schema: () => GraphQLSchema;
  execute: Execute;
  hub: SubscriptionHub | undefined;
}): StartSubscription {
  const { opts, limits, schema, execute, hub } = parts;
  const policy = operationPolicy(opts, limits);
  return async (caller, params, transport, extra = {}) => {
    if (!hub) return problem(caller, 503, 'SERVICE_UNAVAILABLE', gatewayText('subscriptionsUnavailable'));
    fillRegisteredQuery(opts.trustedDocuments, caller.client, params);
    const source = typeof params.query === 'string' ? params.query : '';
    let document: DocumentNode;
    try {
      document = parse(source, { maxTokens: limits.maxTokens });
    } catch (e) {
      return badRequest([e as GraphQLError], 'GRAPHQL_PARSE_FAILED');
    }
    const invalid = validate(schema(), document);
    if (invalid.length > 0) return badRequest(invalid, 'GRAPHQL_VALIDATION_FAILED');
    const variables = (params.variables ?? {}) as Record<string, unknown>;
    const operationName = typeof params.operationName === 'string' ? params.operationName : undefined;
    const compiled = compileSubscription(schema(), document, operationName, variables);
    if (!compiled.ok) {
      if (compiled.problem === 'notSubscription')
        return problem(caller, 400, 'BAD_REQUEST', gatewayText('subscriptionsOnly'));
      if (compiled.problem === 'notServed')
        return problem(
          caller,
          400,
          'BAD_USER_INPUT',
          gatewayText('notSubscribable', { field: compiled.field }),
        );
      return badRequest([new GraphQLError(compiled.detail ?? '')], 'BAD_USER_INPUT');
    }
    try {
      policy({ caller, document, operation: compiled.operation, schema: schema(), source, variables });
    } catch (e) {
      return refusal(e);
    }
    const { root, field } = compiled.subscription;
    const seen = await execute(caller, ROOT_QUERY, { id: root });
    if (!seen.data?.organization)
      return problem(caller, 404, 'NOT_FOUND', gatewayText('subscriptionRootNotFound', { id: root }), {
        field: field.rootArg,
      });
    try {
      const delivery = hub.open({ caller, transport, compiled: compiled.subscription, ...extra });
      return { ok: true, delivery, document };
    } catch (e) {
      if (!(e instanceof TooManySubscriptions)) throw e;
      const who = e.who === 'caller' ? caller.id : (caller.client ?? '');
      return problem(
        caller,
        429,
        'TOO_MANY_SUBSCRIPTIONS',
        gatewayText('tooManySubscriptions', { max: e.max, who }),
      );
    }
  };
}
