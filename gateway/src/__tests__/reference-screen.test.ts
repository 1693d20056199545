import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { referenceScreenRouter } from '../reference-screen';

/**
 * How the gateway serves the county dashboard's reference screen (apps/county-dashboard; the
 * screen itself is tested in Chromium by test/e2e/reference-screen.test.ts): in development only,
 * for the county named in the address, with a token for that union's administrator as the
 * dashboard client, and nothing but the app's bundle beside it.
 */
async function get(production: boolean, path: string) {
  const app = express().use(referenceScreenRouter({ jwtSecret: 'development-secret', production }));
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`);
    return { status: res.status, cacheControl: res.headers.get('cache-control'), text: await res.text() };
  } finally {
    server.close();
  }
}

it('in development: the page carries a county administrator token of the dashboard for an hour', async () => {
  const page = await get(false, '/apps/county-dashboard/?org=county-7');
  expect(page.status).toBe(200);
  expect(page.cacheControl).toBe('no-store');
  const config = JSON.parse(/id="county-dashboard-config">([^<]+)</.exec(page.text)![1]!) as Record<
    string,
    string
  >;
  expect(config).toMatchObject({
    organizationId: 'county-7',
    graphqlUrl: '/graphql',
    streamUrl: '/graphql/stream',
  });
  const claims = JSON.parse(Buffer.from(config.token!.split('.')[1]!, 'base64url').toString());
  expect({
    roles: claims.roles,
    org: claims.org,
    client: claims.client,
    life: claims.exp - claims.iat,
  }).toEqual({
    roles: ['ORG_ADMIN'],
    org: 'county-7',
    client: 'county-dashboard',
    life: 3600,
  });
  expect(page.text).toContain('<script src="/apps/county-dashboard/county-dashboard.js" defer>');
});

it('asks for the county when the address names none, or names it wrongly', async () => {
  for (const path of ['/apps/county-dashboard/', '/apps/county-dashboard/?org=%3Cscript%3E']) {
    const page = await get(false, path);
    expect({ path, status: page.status }).toEqual({ path, status: 400 });
    expect(page.text).toBe('请在地址后注明县级工会：?org=<工会 ID>');
  }
});

it('serves the bundle and its source map, and no other file', async () => {
  const bundle = await get(false, '/apps/county-dashboard/county-dashboard.js');
  expect(bundle.status).toBe(200);
  expect(bundle.text).toContain('laborAlertRaised');
  expect((await get(false, '/apps/county-dashboard/county-dashboard.js.map')).status).toBe(200);
  for (const other of ['package.json', '..%2Fpackage.json', 'build.mjs'])
    expect((await get(false, `/apps/county-dashboard/${other}`)).status).toBe(404);
});

it('is not served by a production gateway', async () => {
  expect((await get(true, '/apps/county-dashboard/?org=county-7')).status).toBe(404);
  expect((await get(true, '/apps/county-dashboard/county-dashboard.js')).status).toBe(404);
});
