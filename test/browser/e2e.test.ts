import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { analytics, describeInChromium, launch, recordAnalytics, screenshot } from './chromium';
import { startTarget, type Target } from './target';
import { bubble, clickSuggested, send, lastFromBot, nextBotMessage, shown, type BotActivity } from './widget';

/**
 * The website widget end to end in headless Chromium: the firm's page, the
 * welcome, the scoping questions, the recommendation, booking a call, a reload
 * in the middle, and the analytics events the page raises.
 */

const DOCS = path.resolve(__dirname, '../../docs');

const messages = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../content/messages.json'), 'utf8'));

/** Which choice a visitor likely to book would pick; otherwise the first. */
const PREFERRED: Record<string, RegExp> = { ai_use: /production/i };

async function answer(page: Page, prompt: BotActivity): Promise<void> {
  const question = prompt.value?.question ?? '';
  const titles = prompt.suggestedActions?.actions.map((a) => a.title) ?? [];
  switch (question) {
    case 'contact': {
      // The typed route (consent, then field by field), which every channel has; typed with the keyboard.
      const field = (prompt.value as { field?: string }).field;
      if (!field) return clickSuggested(page, messages.booking.consentChoices.yes);
      const typed: Record<string, string> = { name: 'Alex Example', email: 'alex@example.com', organisation: 'Example Ltd', role: 'skip', phone: 'skip' };
      return send(page, typed[field] ?? 'skip');
    }
    case 'disclaimer':
      return clickSuggested(page, messages.booking.disclaimerChoices.accept);
    case 'confirm':
      return clickSuggested(page, messages.booking.confirmChoices.yes);
    case 'slot':
      return clickSuggested(page, titles[0]);
    default: {
      if ((prompt.value as { welcome?: boolean } | undefined)?.welcome) return clickSuggested(page, messages.welcome.choices.start);
      if (prompt.value?.recommendation) return clickSuggested(page, messages.recommendation.actions.book);
      const preferred = PREFERRED[question];
      const title = titles.find((t) => preferred?.test(t)) ?? titles[0];
      if (!title) throw new Error(`no choice offered for ${question}: ${prompt.text}`);
      return clickSuggested(page, title);
    }
  }
}

jest.setTimeout(120_000);

describeInChromium('website widget in Chromium', () => {
  let target: Target;
  let browser: Browser;
  let cardFailuresSeen: string[] | undefined;

  beforeAll(async () => {
    target = await startTarget(process.env.DEBUG_E2E ? { LOG_LEVEL: 'debug' } : {});
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await target?.stop();
  });

  it('scopes, recommends and books through the widget, surviving a reload, and raises analytics events', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
    const page = await context.newPage();
    await recordAnalytics(page);
    const cardFailures: string[] = [];
    page.on('console', (m) => /Failed to render Adaptive Cards/.test(m.text()) && cardFailures.push(m.text().split('\n')[0]));
    await page.goto(`${target.baseUrl}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();

    // The welcome, unasked.
    let prompt = await nextBotMessage(page, undefined);
    await page.locator('.webchat__suggested-actions button').first().waitFor();
    await screenshot(page, '01-welcome');

    // Through the questions, with a reload in the middle.
    let reloaded = false;
    let recommendation: BotActivity | undefined;
    for (let turn = 0; turn < 40 && !prompt.value?.booking; turn++) {
      if (prompt.value?.recommendation) {
        recommendation = prompt;
        await bubble(page, shown(prompt.text)).waitFor();
        await screenshot(page, '03-recommendation');
      }
      if (!reloaded && prompt.value?.question && (prompt.value as { step?: number }).step === 2) {
        await screenshot(page, '02-before-reload');
        await page.reload();
        await bubble(page, shown(prompt.text)).waitFor(); // history is back
        await page.locator('.webchat__suggested-actions button').first().waitFor();
        reloaded = true;
      }
      if (process.env.DEBUG_E2E) console.log('prompt', prompt.value?.question ?? '', prompt.text);
      const before = prompt.id;
      await answer(page, prompt);
      prompt = await nextBotMessage(page, before);
    }
    expect(reloaded).toBe(true);
    expect(recommendation?.value?.recommendation).toEqual(expect.objectContaining({ pathway: expect.any(String), tier: expect.any(String) }));
    expect(prompt.value?.booking).toEqual(expect.objectContaining({ status: expect.any(String) }));
    await bubble(page, shown(prompt.text)).waitFor();
    await screenshot(page, '04-booked');
    cardFailuresSeen = [...new Set(cardFailures)];

    const { pathway, tier } = recommendation!.value!.recommendation!;
    const events = await analytics(page);
    expect(events).toEqual([
      { name: 'scopingbot:recommendation', detail: { pathway, tier } },
      { name: 'scopingbot:booked', detail: { pathway, tier } },
    ]);

    // Another page of the site: the same conversation, with its history, and no repeated events.
    await page.goto(`${target.baseUrl}/services.html`);
    await bubble(page, shown(prompt.text)).waitFor();
    expect(await analytics(page)).toEqual([]);
    expect((await lastFromBot(page))?.id).toBe(prompt.id);

    for (const [from, to] of [['01-welcome', 'website-widget-welcome'], ['03-recommendation', 'website-widget-recommendation'], ['04-booked', 'website-widget-booked']]) {
      const file = path.resolve(__dirname, `../../test-artifacts/${from}.png`);
      if (fs.existsSync(file) && process.env.UPDATE_DOCS_SCREENSHOTS === '1') fs.copyFileSync(file, path.join(DOCS, `${to}.png`));
    }
    await context.close();
  });

  it('renders every Adaptive Card the bot sent on the way (Web Chat refuses some cards other channels accept)', () => {
    expect(cardFailuresSeen).toEqual([]);
  });
});
