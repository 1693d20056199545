import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startTestGraph, type TestGraph } from '../support/graph';

/**
 * The explorer as a new user meets it in development: opened from the gateway URL with no token
 * pasted, its first tab's sample query answers in Chinese, and the Chinese is drawn with real
 * glyphs (a machine without a CJK font draws every character as the same empty box).
 */
let graph: TestGraph;
let browser: Browser;
beforeAll(async () => {
  graph = await startTestGraph();
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await graph?.stop();
});

it('opens authorized with a sample query whose Chinese answer renders in real glyphs', async () => {
  const page = await browser.newPage();
  await page.goto(graph.url);
  await page.locator('.graphiql-execute-button').click();
  const answer = page.locator('.result-window');
  await answer.getByText('中华全国总工会').first().waitFor({ timeout: 20_000 });
  const text = await answer.textContent();
  expect(text).toContain('memberCount');
  expect(text).not.toContain('UNAUTHENTICATED');

  // Two different characters in the answer's own font: identical pixels mean both are the
  // missing-glyph box; no ink means nothing was drawn.
  const drawn = await answer.evaluate((el) => {
    const font = `32px ${getComputedStyle(el).fontFamily}`;
    const ink = (ch: string) => {
      const canvas = document.createElement('canvas');
      canvas.width = 48;
      canvas.height = 48;
      const c = canvas.getContext('2d')!;
      c.font = font;
      c.fillText(ch, 4, 36);
      return Array.from(c.getImageData(0, 0, 48, 48).data.filter((_, i) => i % 4 === 3));
    };
    const [gong, hui] = [ink('工'), ink('会')];
    return {
      inked: gong.some((a) => a > 0) && hui.some((a) => a > 0),
      distinct: gong.some((a, i) => a !== hui[i]),
    };
  });
  expect(drawn).toEqual({ inked: true, distinct: true });
});
