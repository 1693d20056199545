import { chromium } from 'playwright-core';
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
