import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Real headless Chromium (Debian's), driven by playwright-core. Without it the
 * browser suites are skipped with a note saying how to install it; under
 * CI=true they are required and fail instead.
 */

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const available = fs.existsSync(CHROMIUM);
const required = process.env.CI === 'true';

/** `describe`, or `describe.skip` with an explanation when Chromium is missing outside CI. */
export function describeInChromium(name: string, body: () => void): void {
  if (available || required) {
    describe(name, body);
    return;
  }
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED browser tests "${name}": Chromium not found at ${CHROMIUM}. Install it with: apt-get install -y chromium`);
  describe.skip(name, body);
}

export async function launch(): Promise<Browser> {
  if (!available) throw new Error(`Chromium is required (CI=true) but missing at ${CHROMIUM}. Install it with: apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** Listens in the page for the widget's analytics events, from before any script runs. */
export async function recordAnalytics(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { scopingbotEvents: { name: string; detail: unknown }[] };
    w.scopingbotEvents = [];
    for (const name of ['scopingbot:recommendation', 'scopingbot:booked']) {
      window.addEventListener(name, (event) => w.scopingbotEvents.push({ name, detail: (event as CustomEvent).detail }));
    }
  });
}

export function analytics(page: Page): Promise<{ name: string; detail: unknown }[]> {
  return page.evaluate(() => (window as unknown as { scopingbotEvents: { name: string; detail: unknown }[] }).scopingbotEvents);
}
