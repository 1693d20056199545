import type { NextFunction, Request, Response } from 'express';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import type { CacheStore } from './cache-store';
import { sendError } from './errors';
import type { Metrics } from './metrics';
import type { GatewayOptions } from './options';
import { gatewayText } from './texts';

/** A client's callers together may make this many times one caller's requests, by default. */
export const DEFAULT_CLIENT_FACTOR = 10;

/**
 * Points per window counted in Redis, shared by every gateway instance; while Redis is down or
 * slow, each instance counts in its own memory instead (rate-limiter-flexible's insurance
 * limiter), so the limit still holds, per instance.
 */
function limiter(store: CacheStore | undefined, name: string, points: number, duration: number) {
  const memory = new RateLimiterMemory({ points, duration, keyPrefix: name });
  if (!store) return memory;
  return new RateLimiterRedis({
    storeClient: store.redis,
    keyPrefix: store.key('rate', name),
    points,
    duration,
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
}

/**
 * Limits requests per caller, the token's `client` claim and subject together, so one user of a
 * frontend cannot use up the next user's requests; and per client, so a frontend's users together
 * stay bounded (`clientRequests`, default 10 × `requests`). Refusals are 429 with `retry-after`.
 */
export function rateLimit(
  limit: GatewayOptions['rateLimit'],
  store: CacheStore | undefined,
  metrics: Metrics,
) {
  if (!limit) return (_req: Request, _res: Response, next: NextFunction) => next();
  const clientRequests = limit.clientRequests ?? limit.requests * DEFAULT_CLIENT_FACTOR;
  const perCaller = limiter(store, 'caller', limit.requests, limit.windowSeconds);
  const perClient = limiter(store, 'client', clientRequests, limit.windowSeconds);

  const refuse = (res: Response, refusal: RateLimiterRes, scope: 'caller' | 'client', max: number) => {
    res.setHeader('retry-after', String(Math.max(1, Math.ceil(refusal.msBeforeNext / 1000))));
    sendError(
      res,
      metrics,
      429,
      'RATE_LIMITED',
      gatewayText(scope === 'client' ? 'clientRateLimited' : 'rateLimited', {
        max,
        seconds: limit.windowSeconds,
      }),
      { limit: max, windowSeconds: limit.windowSeconds, scope },
    );
  };
  /** Null when allowed; the refusal when over the limit; a store failure lets the request through. */
  const consume = async (l: RateLimiterAbstract, key: string) => {
    try {
      await l.consume(key);
      return null;
    } catch (e) {
      if (e instanceof RateLimiterRes) return e;
      return null;
    }
  };

  return async (req: Request, res: Response, next: NextFunction) => {
    const { client, id } = req.caller!;
    // JSON keeps `a|b` + `c` apart from `a` + `b|c`.
    const own = await consume(perCaller, JSON.stringify([client ?? null, id]));
    if (own) return refuse(res, own, 'caller', limit.requests);
    if (client) {
      const shared = await consume(perClient, client);
      if (shared) return refuse(res, shared, 'client', clientRequests);
    }
    next();
  };
}
