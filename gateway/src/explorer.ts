import { dirname, join } from 'node:path';
import { type Caller, mintCallerToken } from '@union-graph/auth';
import express from 'express';
import { type GatewayOptions, isProduction } from './options';

/**
 * GraphiQL served entirely from this gateway (union intranets are often closed): the page loads
 * React, ReactDOM and GraphiQL from node_modules under /explorer/assets and talks to /graphql only.
 * The Authorization header is set in GraphiQL's Headers tab (kept in this browser's storage); in
 * development the page brings its own.
 */
const ASSETS: Record<string, string> = {
  'react.js': join(dirname(require.resolve('react/package.json')), 'umd/react.production.min.js'),
  'react-dom.js': join(dirname(require.resolve('react-dom/package.json')), 'umd/react-dom.production.min.js'),
  'graphiql.js': join(dirname(require.resolve('graphiql/package.json')), 'graphiql.min.js'),
  'graphiql.css': join(dirname(require.resolve('graphiql/package.json')), 'graphiql.min.css'),
};

/** The first tab's query: a question in the users' words, answered across two subgraphs. */
const SAMPLE_QUERY = `# 示例：全国总工会下属的省级工会及其会员人数（organizations 与 members 两个子图共同回答）
# Sample: the provincial federations under the national federation and their member counts
{
  organizations(first: 5) {
    totalCount
    nodes {
      name
      province
      memberCount
    }
  }
}
`;

/** Data for an inline script: `<` escaped so nothing in it can close the script element. */
export const inlineJson = (v: unknown): string => JSON.stringify(v).replace(/</g, '\\u003c');

/**
 * The page. In development the fetcher carries a token minted for this page load, so the
 * explorer answers at once; a token typed in the Headers tab still wins. Never in production.
 */
function page(devToken: string | undefined): string {
  const fetcherHeaders = devToken ? { Authorization: `Bearer ${devToken}` } : {};
  return `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <title>Union Graph 工会数据图 — Explorer</title>
  <link rel="stylesheet" href="/explorer/assets/graphiql.css">
  <style>html, body, #explorer { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="explorer"></div>
  <script src="/explorer/assets/react.js"></script>
  <script src="/explorer/assets/react-dom.js"></script>
  <script src="/explorer/assets/graphiql.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({
      url: new URL('/graphql', location.href).href,
      headers: ${inlineJson(fetcherHeaders)},
    });
    ReactDOM.createRoot(document.getElementById('explorer')).render(
      React.createElement(GraphiQL, {
        fetcher,
        shouldPersistHeaders: true,
        defaultHeaders: ${inlineJson(devToken ? '' : '{\n  "Authorization": "Bearer <token from npm run token>"\n}')},
        defaultQuery: ${inlineJson(SAMPLE_QUERY)},
      }),
    );
  </script>
</body>
</html>
`;
}

/**
 * Development only: pages served here carry a token minted at each load, good for an hour (so a
 * page left open stops answering rather than holding an administrator's token for days).
 * Production gateways never mint one.
 */
export function devTokenMinter(opts: Pick<GatewayOptions, 'jwtSecret' | 'production'>) {
  const secret = opts.jwtSecret;
  if (isProduction(opts) || !secret) return undefined;
  return (caller: Caller) => mintCallerToken(caller, secret, { expiresIn: '1h' });
}

export function explorerRouter(opts: Pick<GatewayOptions, 'jwtSecret' | 'production'>): express.Router {
  const mint = devTokenMinter(opts);
  // The explorer answers anything: a national administrator's token.
  const devToken =
    mint && (() => mint({ id: 'explorer', roles: ['NATIONAL_ADMIN'], orgId: null, client: 'explorer' }));
  const router = express.Router();
  router.get('/explorer/assets/:name', (req, res) => {
    const file = ASSETS[req.params.name];
    if (!file) {
      res.status(404).end();
      return;
    }
    res.sendFile(file, { maxAge: '1d', headers: { 'x-content-type-options': 'nosniff' } });
  });
  const explorer: express.RequestHandler = (req, res, next) => {
    // GET /graphql?query=… stays a GraphQL request; a browser asking for HTML gets the explorer.
    if (req.query.query !== undefined || !req.accepts('html')) return next();
    (devToken ? devToken() : Promise.resolve(undefined)).then(
      // A page carrying a token is never stored by a browser or a proxy.
      (token) => res.type('html').set('cache-control', 'no-store').send(page(token)),
      next,
    );
  };
  router.get('/', explorer);
  router.get('/graphql', explorer);
  return router;
}
