import { join } from 'node:path';
import { TrustedDocuments } from '@union-graph/gateway';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startTestGraph, type TestGraph } from '../support/graph';

/**
 * The county dashboard's reference screen in headless Chromium, as a county office opens it in
 * development: the open alerts listed with Chinese labels through the dashboard's registered
 * documents (the gateway holds it to them, as in production), then an alert raised elsewhere
 * appears on the open page, without a reload.
 */
let graph: TestGraph;
let browser: Browser;
let county: { _id: string; name: string };

beforeAll(async () => {
  const registry = TrustedDocuments.fromDirectory(join(__dirname, '..', '..', 'deploy', 'trusted-documents'));
  graph = await startTestGraph({ gateway: { trustedDocuments: registry } });
  county = graph.plan.organizations.find((o) => o.level === 'COUNTY')!;
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await graph?.stop();
});

const OPEN = `query($o: ID!) { laborAlerts(organizationId: $o, openOnly: true, first: 50) { totalCount nodes { id } } }`;

it('lists the county’s open alerts and shows a newly raised one live', async () => {
  const countyAdmin = testCallers.orgAdmin(county._id);
  const township = graph.plan.organizations.find((o) => o.parentId === county._id)!;
  const open = await graph.query<{ laborAlerts: { totalCount: number; nodes: { id: string }[] } }>(OPEN, {
    caller: countyAdmin,
    variables: { o: county._id },
  });
  const before = open.data!.laborAlerts;

  const page = await browser.newPage();
  await page.goto(new URL(`/apps/county-dashboard/?org=${county._id}`, graph.url).href);
  await page.locator('#dashboard[data-state="ready"]').waitFor({ timeout: 20_000 });
  await expect(page.locator('h1').textContent()).resolves.toBe(`${county.name} · 劳动关系预警`);
  await expect(page.locator('#open-count').textContent()).resolves.toBe(String(before.totalCount));
  const shown = await page
    .locator('#alerts > li')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-alert-id')));
  expect(shown).toEqual(before.nodes.map((n) => n.id));
  if (before.totalCount > 0)
    await expect(page.locator('#alerts .stage').first().textContent()).resolves.toMatch(
      /预警|预判|预报|紧急处置/,
    );
  await page.locator('#live[data-live="connected"]').waitFor({ timeout: 20_000 });
  // Anything the page holds would be lost by a reload.
  await page.evaluate(() => Object.assign(window, { notReloaded: true }));

  // Raised in a township under the county, by the township's own administrator.
  const raised = await graph.query<{ raiseLaborAlert: { id: string } }>(
    `mutation($input: LaborAlertInput!) { raiseLaborAlert(input: $input) { id } }`,
    {
      caller: testCallers.orgAdmin(township._id),
      variables: {
        input: {
          organizationId: township._id,
          category: 'LAYOFFS',
          description: '某纺织厂拟裁员一百二十人',
          workersAffected: 120,
        },
      },
    },
  );
  expect(raised.errors).toBeUndefined();
  const card = page.locator(`#alerts > li[data-alert-id="${raised.data!.raiseLaborAlert.id}"]`);
  await card.waitFor({ timeout: 20_000 });
  await expect(card.textContent()).resolves.toContain('某纺织厂拟裁员一百二十人');
  await expect(card.locator('.category').textContent()).resolves.toBe('裁员');
  await expect(card.locator('.meta').textContent()).resolves.toContain(`${township.name} · 涉及职工 120 人`);
  await expect(page.locator('#alerts > li').first().getAttribute('data-alert-id')).resolves.toBe(
    raised.data!.raiseLaborAlert.id,
  );
  await expect(page.locator('#open-count').textContent()).resolves.toBe(String(before.totalCount + 1));
  await expect(page.evaluate(() => (window as { notReloaded?: boolean }).notReloaded)).resolves.toBe(true);
});
