import { dirname, join } from 'node:path';
import express from 'express';

/**
 * GraphiQL served entirely from this gateway (union intranets are often closed): the page loads
 * React, ReactDOM and GraphiQL from node_modules under /explorer/assets and talks to /graphql only.
 * The Authorization header is set in GraphiQL's Headers tab (kept in this browser's storage).
 */
const ASSETS: Record<string, string> = {
  'react.js': join(dirname(require.resolve('react/package.json')), 'umd/react.production.min.js'),
  'react-dom.js': join(dirname(require.resolve('react-dom/package.json')), 'umd/react-dom.production.min.js'),
  'graphiql.js': join(dirname(require.resolve('graphiql/package.json')), 'graphiql.min.js'),
  'graphiql.css': join(dirname(require.resolve('graphiql/package.json')), 'graphiql.min.css'),
};

const PAGE = `<!doctype html>
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
    const fetcher = GraphiQL.createFetcher({ url: new URL('/graphql', location.href).href });
    ReactDOM.createRoot(document.getElementById('explorer')).render(
      React.createElement(GraphiQL, {
        fetcher,
        shouldPersistHeaders: true,
        defaultHeaders: '{\\n  "Authorization": "Bearer <token from npm run token>"\\n}',
        defaultQuery: '{\\n  organizations(first: 5) {\\n    totalCount\\n    nodes { name province }\\n  }\\n}\\n',
      }),
    );
  </script>
</body>
</html>
`;

export function explorerRouter(): express.Router {
  const router = express.Router();
  router.get('/explorer/assets/:name', (req, res) => {
    const file = ASSETS[req.params.name];
    if (!file) {
      res.status(404).end();
      return;
    }
    res.sendFile(file, { maxAge: '1d', headers: { 'x-content-type-options': 'nosniff' } });
  });
  const page: express.RequestHandler = (req, res, next) => {
    // GET /graphql?query=… stays a GraphQL request; a browser asking for HTML gets the explorer.
    if (req.query.query !== undefined || !req.accepts('html')) return next();
    res.type('html').send(PAGE);
  };
  router.get('/', page);
  router.get('/graphql', page);
  return router;
}
