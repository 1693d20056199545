import { type Browser, chromium } from 'playwright-core';

/** The machine's headless Chromium (Debian's), quiet: no sandbox, GPU, first-run or background traffic. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
}
