import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { chromium } from 'playwright-core';
import { explorerRouter } from '../explorer';
import { callers, type Harness, startHarness } from './fixtures/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

it('serves an explorer that works offline in headless Chromium: loads, runs a query, shows the result', async () => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on('request', (r) => {
      requested.push(r.url());
    });
    const token = await h.token(callers.national());
    await page.addInitScript((auth) => {
      localStorage.setItem('graphiql:headers', JSON.stringify({ Authorization: `Bearer ${auth}` }));
      localStorage.setItem('graphiql:shouldPersistHeaders', 'true');
      localStorage.setItem('graphiql:query', '{ motto }');
    }, token);
    await page.goto(new URL('/graphql', h.url).href);
    await page.locator('.graphiql-execute-button').click();
    await page.getByText('职工之家').first().waitFor({ timeout: 15_000 });
    const offMachine = requested.filter((u) => !u.startsWith('http://127.0.0.1:') && !u.startsWith('data:'));
    expect(offMachine).toEqual([]);
    expect(requested.some((u) => u.endsWith('/explorer/assets/graphiql.js'))).toBe(true);
  } finally {
    await browser.close();
  }
});

describe('the development token', () => {
  const served = async (production: boolean) => {
    const app = express().use(explorerRouter({ jwtSecret: 'development-secret', production }));
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, {
        headers: { accept: 'text/html' },
      });
      return { cacheControl: res.headers.get('cache-control'), html: await res.text() };
    } finally {
      server.close();
    }
  };
  const bearer = (html: string) => /"Authorization":"Bearer ([\w.-]+)"/.exec(html)?.[1];

  it('in development: each page carries a national administrator token for an hour, never stored', async () => {
    const page = await served(false);
    const token = bearer(page.html);
    expect(page.cacheControl).toBe('no-store');
    const claims = JSON.parse(Buffer.from(token!.split('.')[1]!, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect({
      roles: claims.roles,
      client: claims.client,
      life: Number(claims.exp) - Number(claims.iat),
    }).toEqual({
      roles: ['NATIONAL_ADMIN'],
      client: 'explorer',
      life: 3600,
    });
    expect(page.html).toContain('organizations(first: 5)');
  });

  it('in production: no token in the page, the Headers tab asks for one', async () => {
    const page = await served(true);
    expect(bearer(page.html)).toBeUndefined();
    expect(page.html).toContain('token from npm run token');
  });
});
