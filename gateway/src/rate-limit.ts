import type { NextFunction, Request, Response } from 'express';
import type { CacheStore } from './cache-store';
import { sendError } from './errors';
import type { Metrics } from './metrics';
import type { GatewayOptions } from './options';

/**
 * Counts each client's requests per fixed window in Redis and refuses those over the limit with a
 * `retry-after`; the client is the token's `client` claim, else its subject.
 */
export function rateLimit(
  limit: GatewayOptions['rateLimit'],
  store: CacheStore | undefined,
  metrics: Metrics,
) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (!limit || !store) return next();
    const who = req.caller!.client ?? req.caller!.id;
    const window = Math.floor(Date.now() / 1000 / limit.windowSeconds);
    const key = store.key('rate', who, String(window));
    const count = await store.run(async (r) => {
      const [[, n] = []] = (await r.multi().incr(key).expire(key, limit.windowSeconds, 'NX').exec()) ?? [];
      return Number(n);
    });
    // Redis down: no counting, and no refusing either.
    if (count !== undefined && count > limit.requests) {
      res.setHeader(
        'retry-after',
        String(limit.windowSeconds - (Math.floor(Date.now() / 1000) % limit.windowSeconds)),
      );
      return sendError(
        res,
        metrics,
        429,
        'RATE_LIMITED',
        `rate limit of ${limit.requests} requests per ${limit.windowSeconds} s exceeded`,
        {
          limit: limit.requests,
          windowSeconds: limit.windowSeconds,
        },
      );
    }
    next();
  };
}
