import { createHash, timingSafeEqual } from 'node:crypto';
import express from 'express';
import type { CacheStore } from './cache-store';
import type { Metrics } from './metrics';
import { type SupergraphSource, subgraphsOf } from './supergraph';

export interface Readiness {
  status: 'ready' | 'degraded' | 'unavailable';
  supergraph: string;
  redis: 'up' | 'down' | 'not configured';
  subgraphs: Record<string, 'up' | 'down'>;
}

/** Asks every subgraph of the current supergraph for its `/healthz`, and Redis for a ping. */
export function readinessCheck(
  supergraph: SupergraphSource,
  store: CacheStore | undefined,
  subgraphUrls: Record<string, string> | undefined,
): () => Promise<Readiness> {
  return async () => {
    const subgraphs = Object.fromEntries(
      await Promise.all(
        subgraphsOf(supergraph.sdl).map(async ({ name, url }) => {
          const target = new URL('/healthz', subgraphUrls?.[name] ?? url);
          const ok = await fetch(target, { signal: AbortSignal.timeout(1000) })
            .then((r) => r.ok)
            .catch(() => false);
          return [name, ok ? 'up' : 'down'] as const;
        }),
      ),
    );
    const redis = !store ? 'not configured' : (await store.ping()) ? 'up' : 'down';
    const allUp = Object.values(subgraphs).every((s) => s === 'up');
    return {
      status: !allUp ? 'unavailable' : redis === 'down' ? 'degraded' : 'ready',
      supergraph: supergraph.id,
      redis,
      subgraphs,
    };
  };
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** True when `authorization` is exactly `Bearer <token>` (compared in constant time). */
export function bearerMatches(authorization: string | undefined, token: string): boolean {
  return !!authorization && timingSafeEqual(digest(authorization), digest(`Bearer ${token}`));
}

/**
 * `/healthz` (the process answers), `/readyz` (it can serve), `/metrics` (Prometheus). Metrics name
 * clients and operations: they are served only with `Authorization: Bearer <metricsToken>` (401
 * otherwise), and not at all (404) when no token is configured.
 */
export function probesRouter(
  readiness: () => Promise<Readiness>,
  metrics: Metrics,
  metricsToken?: string,
): express.Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const r = await readiness();
    // Without Redis the gateway still answers (uncached): degraded, not unready.
    res.status(r.status === 'unavailable' ? 503 : 200).json(r);
  });
  router.get('/metrics', async (req, res) => {
    if (!metricsToken) {
      res.status(404).type('text/plain').send('not found');
      return;
    }
    if (!bearerMatches(req.headers.authorization, metricsToken)) {
      res
        .status(401)
        .setHeader('www-authenticate', 'Bearer realm="metrics"')
        .type('text/plain')
        .send('unauthorized');
      return;
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}
