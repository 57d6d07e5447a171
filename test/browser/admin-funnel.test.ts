import type { Browser } from 'playwright-core';
import { MONDAY } from '../http/booking-flow';
import { Conversation } from '../http/client';
import { startTestServer, type TestServer } from '../http/server';
import { describeInChromium, launch, screenshot } from './chromium';

/**
 * /admin/funnel in a real browser: with ADMIN_TOKEN set it answers only a
 * request bearing the token, and draws the funnel as bars; without the token
 * 401; on a server without ADMIN_TOKEN it does not exist (404).
 */

const TOKEN = 'admin-token-0123456789abcdef';

describeInChromium('/admin/funnel', () => {
  let browser: Browser;
  let withToken: TestServer;
  let without: TestServer;
  beforeAll(async () => {
    [browser, withToken, without] = await Promise.all([
      launch(),
      startTestServer({ ADMIN_TOKEN: TOKEN }, { clock: () => MONDAY }),
      startTestServer({}, { clock: () => MONDAY }),
    ]);
    // Three visitors: two open the chat, one of them starts the questions and answers one.
    for (let i = 0; i < 3; i += 1) {
      const c = new Conversation(withToken.url);
      await c.join();
      if (i === 0) {
        await c.start();
        await c.click('ai_use', 'active');
      }
    }
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await Promise.all([withToken?.close(), without?.close()]);
  });

  it('with the bearer token: a chart of the funnel', async () => {
    const context = await browser.newContext({ extraHTTPHeaders: { Authorization: `Bearer ${TOKEN}` } });
    const page = await context.newPage();
    const response = await page.goto(`${withToken.url}/admin/funnel?since=7d`);
    expect(response?.status()).toBe(200);
    await expect(page.title()).resolves.toBe('Funnel since 2026-11-23');
    const bars = await page.$$eval('svg g.stage', (gs) => gs.map((g) => ({ stage: g.getAttribute('data-stage'), count: Number(g.getAttribute('data-count')), width: Number(g.querySelector('rect')!.getAttribute('width')) })));
    expect(bars.slice(0, 4)).toEqual([
      { stage: 'started', count: 3, width: 520 },
      { stage: 'reached:ai_use', count: 1, width: 173 },
      { stage: 'answered:ai_use', count: 1, width: 173 },
      { stage: 'reached:certification', count: 1, width: 173 },
    ]);
    await expect(page.locator('svg').getAttribute('role')).resolves.toBe('img');
    expect(await page.textContent('body')).toContain('33% of started · drop-off 67%');
    await screenshot(page, 'admin-funnel');
    await context.close();
  });

  it('without the token, or with a wrong one: 401, and nothing of the funnel', async () => {
    const attempts: Record<string, string>[] = [{}, { Authorization: 'Bearer wrong-token-0123456789abc' }, { Authorization: `Basic ${TOKEN}` }];
    for (const headers of attempts) {
      const context = await browser.newContext({ extraHTTPHeaders: headers });
      const page = await context.newPage();
      const response = await page.goto(`${withToken.url}/admin/funnel`);
      expect(response?.status()).toBe(401);
      expect(response?.headers()['www-authenticate']).toBe('Bearer realm="admin"');
      expect(await page.textContent('body')).not.toContain('started');
      await context.close();
    }
  });

  it('on a server without ADMIN_TOKEN the page is off: 404 even with a token', async () => {
    const context = await browser.newContext({ extraHTTPHeaders: { Authorization: `Bearer ${TOKEN}` } });
    const page = await context.newPage();
    expect((await page.goto(`${without.url}/admin/funnel`))?.status()).toBe(404);
    await context.close();
  });
});
