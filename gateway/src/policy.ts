import type { ApolloServerPlugin } from '@apollo/server';
import { type Caller, ROLES, type Role } from '@union-graph/auth';
import {
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  OperationTypeNode,
} from 'graphql';
import { messageExtensions, refused } from './errors';
import { checkLimits, limitsFor, measureOperation, type QueryLimits } from './limits';
import type { Metrics } from './metrics';
import { type GatewayOptions, isProduction } from './options';
import type { GatewayContext } from './signed-data-source';
import { gatewayText } from './texts';
import { sha256 } from './trusted-documents';

const PRODUCTION_INTROSPECTION_ROLES: readonly Role[] = ['NATIONAL_ADMIN', 'ORG_ADMIN', 'ANALYST'];

type PolicyOptions = Pick<
  GatewayOptions,
  'trustedDocuments' | 'roleLimits' | 'introspectionRoles' | 'production'
>;

export interface OperationToCheck {
  caller: Caller;
  document: DocumentNode;
  /** Absent when the document names no such operation (Apollo reports that itself). */
  operation: OperationDefinitionNode | undefined;
  schema: GraphQLSchema;
  source: string;
  variables: Record<string, unknown>;
}

/**
 * What a caller may run: a trusted-only client its registered documents alone, introspection the
 * allowed roles alone, and everything else within the query limits of the caller's roles. Throws
 * the refusal. Queries and mutations are checked here through Apollo, subscriptions when they start.
 */
export function operationPolicy(opts: PolicyOptions, limits: QueryLimits) {
  const trusted = opts.trustedDocuments;
  const introspectionRoles =
    opts.introspectionRoles ?? (isProduction(opts) ? PRODUCTION_INTROSPECTION_ROLES : ROLES);
  return ({ caller, document, operation, schema, source, variables }: OperationToCheck): void => {
    if (trusted?.trustedOnly(caller.client) && !trusted.document(caller.client, sha256(source))) {
      throw refused(
        gatewayText('untrustedOperation', { client: caller.client }),
        'PERSISTED_QUERY_NOT_TRUSTED',
        403,
      );
    }
    if (!operation) return;
    const fragments = Object.fromEntries(
      document.definitions.flatMap((d) => (d.kind === 'FragmentDefinition' ? [[d.name.value, d]] : [])),
    );
    const measure = measureOperation(schema, operation, fragments, variables);
    const mayIntrospect = caller.roles.some((r) => introspectionRoles.includes(r));
    if (measure.introspects && !mayIntrospect)
      throw refused(gatewayText('introspectionForbidden'), 'FORBIDDEN', 403);
    // Registered documents were reviewed; introspection is held to the limits like the rest.
    if (trusted?.document(caller.client, sha256(source))) return;
    const broken = checkLimits(measure, limitsFor(limits, opts.roleLimits ?? {}, caller.roles));
    if (broken) throw broken;
  };
}

/**
 * The policy applied to every operation Apollo resolves. A subscription is refused: the gateway
 * serves those itself (subscriptions/), and Apollo's query planner is never asked to plan one.
 */
export function policyPlugin(opts: PolicyOptions, limits: QueryLimits): ApolloServerPlugin<GatewayContext> {
  const check = operationPolicy(opts, limits);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operation, schema, source, request }) {
          // A subscription's per-event query: its document was checked when the subscription started.
          if (contextValue.subscriptionEvent) return;
          if (operation?.operation === OperationTypeNode.SUBSCRIPTION)
            throw refused(gatewayText('subscriptionOverHttp'), 'BAD_REQUEST', 400);
          check({
            caller: contextValue.caller,
            document,
            operation,
            schema,
            source,
            variables: request.variables ?? {},
          });
        },
      };
    },
  };
}

/**
 * Every answer is measured as it will be sent: one longer than `maxBytes` is replaced by a
 * RESPONSE_TOO_LARGE error (422), before the response cache could store it. Registered or not,
 * introspection or not: the ceiling bounds what any request can draw.
 */
export function responseCeilingPlugin(
  maxBytes: number,
  metrics: Metrics,
): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const bytes = Buffer.byteLength(JSON.stringify(response.body.singleResult));
          if (bytes <= maxBytes) return;
          metrics.errors.inc({ code: 'RESPONSE_TOO_LARGE' });
          response.http.status = 422;
          const message = gatewayText('responseTooLarge', { bytes, max: maxBytes });
          response.body.singleResult = {
            errors: [
              {
                message: message.render(contextValue.caller.language),
                extensions: {
                  code: 'RESPONSE_TOO_LARGE',
                  max: maxBytes,
                  actual: bytes,
                  ...messageExtensions(message),
                },
              },
            ],
          };
        },
      };
    },
  };
}
