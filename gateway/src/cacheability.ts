import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { type GraphQLSchema, OperationTypeNode } from 'graphql';
import { LRUCache } from 'lru-cache';

/**
 * Which operations (or subgraph fetches) last came back uncacheable, so a cache lookup that cannot
 * hit is not paid for. The supergraph carries no @cacheControl: Apollo learns a plan's policy only
 * from the subgraphs' Cache-Control answers, after execution. Hints are static per field in our
 * subgraphs, so the verdict of one clean execution holds for the next; every execution still
 * reports its policy, so an operation that turns cacheable (other variables, a new hint) is stored
 * by that execution and looked up again from the next one. Unknown operations are looked up.
 */
export class Cacheability {
  private readonly uncacheable = new LRUCache<string, true>({ max: 10_000 });

  /** False once the last clean execution of `key` came back uncacheable. */
  worthLookingUp(key: string): boolean {
    return !this.uncacheable.has(key);
  }

  /** What a clean (error-free) execution of `key` showed; answers with errors teach nothing. */
  observe(key: string, cacheable: boolean): void {
    if (cacheable) this.uncacheable.delete(key);
    else this.uncacheable.set(key, true);
  }
}

const operationKey = (ctx: { queryHash?: string; operationName?: string | null }) =>
  `${ctx.queryHash}|${ctx.operationName ?? ''}`;

/**
 * The response cache's half: `worthLookingUp` for its shouldReadFromCache hook, and a plugin that
 * reports each executed query's policy. Learned per schema: a new supergraph may change the plans.
 */
export function responseCacheability<Context extends { subscriptionEvent?: boolean }>() {
  const bySchema = new WeakMap<GraphQLSchema, Cacheability>();
  const learned = (schema: GraphQLSchema) => {
    const known = bySchema.get(schema);
    if (known) return known;
    const fresh = new Cacheability();
    bySchema.set(schema, fresh);
    return fresh;
  };
  const plugin: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      return {
        async willSendResponse(ctx) {
          if (ctx.operation?.operation !== OperationTypeNode.QUERY || ctx.metrics.responseCacheHit) return;
          if (ctx.contextValue.subscriptionEvent || ctx.response.body.kind !== 'single') return;
          if (ctx.response.body.singleResult.errors) return;
          learned(ctx.schema).observe(operationKey(ctx), ctx.overallCachePolicy.policyIfCacheable() !== null);
        },
      };
    },
  };
  return {
    worthLookingUp: (ctx: GraphQLRequestContext<Context>) =>
      learned(ctx.schema).worthLookingUp(operationKey(ctx)),
    plugin,
  };
}
