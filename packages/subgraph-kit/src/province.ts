import type { GraphQLFieldResolver } from 'graphql';
import { ForbiddenError } from './errors';
import type { Scope } from './scope';
import { kitText } from './texts';

/**
 * A provincial federation's subgraph serves its own province only, whatever its resolvers do: the
 * kit wraps them so that callers from another province are refused at the root and get nothing
 * through entity references, and organizations outside the province resolve to nothing.
 */

/** The two-digit province prefix of a GB/T 2260 code (`440000` → `44`). */
export function provincePrefix(divisionCode: string): string {
  return divisionCode.slice(0, 2);
}

interface GuardContext {
  scope: Scope;
}

/** Whether the caller acts nationwide or for an organization inside the province. */
export async function callerInProvince(scope: Scope, province: string): Promise<boolean> {
  if (scope.isNationwide) return true;
  if (!scope.caller.orgId) return false;
  const org = await scope.orgs.load(scope.caller.orgId);
  return !!org && provincePrefix(org.divisionCode) === provincePrefix(province);
}

type ResolverMap = Record<string, Record<string, unknown>>;

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

export function guardProvince(resolvers: ResolverMap, province: string): ResolverMap {
  const guarded: ResolverMap = {};
  for (const [typeName, fields] of Object.entries(resolvers)) {
    if (
      typeof fields !== 'object' ||
      fields === null ||
      !('__resolveReference' in fields || ROOT_TYPES.has(typeName))
    ) {
      guarded[typeName] = fields;
      continue;
    }
    const wrapped: Record<string, unknown> = { ...fields };
    if (ROOT_TYPES.has(typeName)) {
      for (const [field, resolve] of Object.entries(fields)) {
        if (typeof resolve !== 'function') continue;
        wrapped[field] = async (parent: unknown, args: unknown, ctx: GuardContext, info: unknown) => {
          if (!(await callerInProvince(ctx.scope, province))) {
            throw new ForbiddenError(kitText('provinceOnly', { province }));
          }
          return (resolve as GraphQLFieldResolver<unknown, GuardContext>)(parent, args, ctx, info as never);
        };
      }
    } else {
      const resolveReference = fields.__resolveReference as (
        ref: { id: string },
        ctx: GuardContext,
        info: unknown,
      ) => unknown;
      wrapped.__resolveReference = async (ref: { id: string }, ctx: GuardContext, info: unknown) => {
        if (!(await callerInProvince(ctx.scope, province))) return null;
        if (typeName === 'Organization') {
          const org = await ctx.scope.orgs.load(ref.id);
          if (!org || provincePrefix(org.divisionCode) !== provincePrefix(province)) return null;
        }
        return resolveReference(ref, ctx, info);
      };
    }
    guarded[typeName] = wrapped;
  }
  return guarded;
}
