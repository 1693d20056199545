import { basename, dirname, join } from 'node:path';
import express from 'express';
import { devTokenMinter, inlineJson } from './explorer';
import type { GatewayOptions } from './options';

/**
 * The county dashboard's reference screen (apps/county-dashboard), served in development at
 * `/apps/county-dashboard/?org=<county id>`: the page loads the app's browser bundle and a token
 * minted for that union's administrator as the `county-dashboard` client. Production gateways do
 * not serve it: there the app is deployed on its own, with its users' own tokens.
 */
const CLIENT = 'county-dashboard';
const BASE = `/apps/${CLIENT}`;
const ORG_ID = /^[\w-]{1,64}$/;

/** The built bundle, or undefined until `npx turbo run build --filter=@union-graph/county-dashboard`. */
function bundleFile(): string | undefined {
  try {
    return require.resolve('@union-graph/county-dashboard/bundle');
  } catch {
    return undefined;
  }
}

function page(config: Record<string, string>, bundle: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>县级工会预警看板 — Union Graph</title>
  <style>
    body { margin: 0 auto; max-width: 56rem; padding: 1.5rem; font-family: system-ui, sans-serif; color: #1f2328; }
    .title { font-size: 1.5rem; margin: 0 0 .25rem; }
    .summary, .live, .meta { color: #59636e; margin: .25rem 0; }
    .live[data-live="connected"] { color: #1a7f37; }
    .live[data-live="closed"], .error { color: #cf222e; }
    .alerts { list-style: none; padding: 0; }
    .alert { border: 1px solid #d1d9e0; border-radius: .5rem; padding: .75rem 1rem; margin: .5rem 0; }
    .alert.new { border-color: #cf222e; background: #fff5f5; }
    .tags span { display: inline-block; margin-right: .5rem; padding: 0 .5rem; border-radius: 1rem; background: #eff2f5; }
    .risk-HIGH { background: #ffebe9 !important; color: #cf222e; }
    .description { font-weight: 600; margin: .5rem 0; }
  </style>
</head>
<body>
  <main id="dashboard" data-state="loading"></main>
  <script type="application/json" id="county-dashboard-config">${inlineJson(config)}</script>
  <script src="${BASE}/${basename(bundle)}" defer></script>
</body>
</html>
`;
}

export function referenceScreenRouter(
  opts: Pick<GatewayOptions, 'jwtSecret' | 'production'>,
): express.Router {
  const router = express.Router();
  const mint = devTokenMinter(opts);
  if (!mint) return router;
  router.get(`${BASE}/`, (req, res, next) => {
    const bundle = bundleFile();
    const org = req.query.org;
    if (!bundle) {
      res
        .status(404)
        .type('text')
        .send('县级工会预警看板尚未构建：npx turbo run build --filter=@union-graph/county-dashboard');
      return;
    }
    if (typeof org !== 'string' || !ORG_ID.test(org)) {
      res.status(400).type('text').send('请在地址后注明县级工会：?org=<工会 ID>');
      return;
    }
    mint({ id: `${CLIENT}-${org}`, roles: ['ORG_ADMIN'], orgId: org, client: CLIENT }).then(
      (token) =>
        res
          .type('html')
          .set('cache-control', 'no-store')
          .send(
            page(
              { token, organizationId: org, graphqlUrl: '/graphql', streamUrl: '/graphql/stream' },
              bundle,
            ),
          ),
      next,
    );
  });
  router.get(`${BASE}/:file`, (req, res) => {
    const bundle = bundleFile();
    const name = bundle && basename(bundle);
    if (!bundle || (req.params.file !== name && req.params.file !== `${name}.map`)) {
      res.status(404).end();
      return;
    }
    res.sendFile(join(dirname(bundle), req.params.file), {
      headers: { 'x-content-type-options': 'nosniff' },
    });
  });
  return router;
}
