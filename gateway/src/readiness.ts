import { metricsHandler } from '@union-graph/subgraph-kit';
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
  router.get('/metrics', metricsHandler(metrics.registry, metricsToken));
  return router;
}
