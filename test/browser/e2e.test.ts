import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { analytics, ARTIFACTS, describeInChromium, launch, recordAnalytics, screenshot } from './chromium';
import { choiceLabels, countLabels, horizontalOverflow, offScreen, seriousAxeViolations, visibleStep } from './checks';
import { startTarget, type Target } from './target';
import { bubble, clickCardButton, clickSuggested, lastFromBot, nextBotMessage, openChat, send, shown, type BotActivity } from './widget';

/**
 * The website widget end to end in headless Chromium, on a desktop and on a
 * phone: the firm's page with only a launcher, then a whole conversation
 * (welcome, the seven questions, the recommendation, the contact card, slots,
 * confirmation, a question after booking, a reschedule). At every step:
 * nothing overflows sideways, each choice is shown once, no serious or
 * critical axe-core violation, "New chat" and the send box on screen. And the
 * analytics events: one recommendation, one booking, one more after the reschedule.
 */

const DOCS = path.resolve(__dirname, '../../docs');
const messages = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../content/messages.json'), 'utf8'));

/** Answers that lead to a two-phase roadmap (ISO 27001 first) naming a regulator. */
const PREFERRED: Record<string, RegExp> = {
  ai_use: /production/i,
  certification: /^No$/,
  infosec_maturity: /weak/i,
  ai_materiality: /heavily/i,
  sector: /financial/i,
  eu_exposure: /^Yes$/,
  procurement: /about AI/i,
};

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800, phone: false },
  { name: 'phone', width: 390, height: 844, phone: true },
];

jest.setTimeout(300_000);

describeInChromium('website widget in Chromium', () => {
  let target: Target;
  let browser: Browser;

  beforeAll(async () => {
    target = await startTarget(process.env.DEBUG_E2E ? { LOG_LEVEL: 'debug' } : {});
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await target?.stop();
  });

  for (const viewport of VIEWPORTS) {
    it(`walks a whole conversation at ${viewport.width}×${viewport.height}, every step laid out, each choice once, accessible`, async () => {
      const context = await browser.newContext({
        viewport: { width: viewport.width, height: viewport.height },
        locale: 'en-GB',
        timezoneId: 'Europe/London',
        ...(viewport.phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
      });
      const page = await context.newPage();
      await recordAnalytics(page);
      const cardFailures: string[] = [];
      page.on('console', (m) => /Failed to render Adaptive Cards/.test(m.text()) && cardFailures.push(m.text().split('\n')[0]));
      const shot = (name: string) => screenshot(page, `${viewport.name}-${name}`);

      /** The checks every step must pass, named by step so a failure says where. */
      async function check(step: string, prompt: BotActivity | null): Promise<void> {
        if (prompt?.suggestedActions?.actions.length) await page.locator('.webchat__suggested-actions button').first().waitFor();
        expect({ step, overflow: await horizontalOverflow(page) }).toEqual({ step, overflow: [] });
        if (prompt) {
          const labels = choiceLabels(prompt);
          const counts = countLabels(await visibleStep(page), labels);
          expect({ step, counts }).toEqual({ step, counts: Object.fromEntries(labels.map((l) => [l, 1])) });
          expect({ step, offScreen: await offScreen(page) }).toEqual({ step, offScreen: [] });
        }
        const axe = await seriousAxeViolations(page);
        if (axe.length && process.env.DEBUG_E2E) console.log(await page.evaluate((sel) => document.querySelector(sel)?.parentElement?.parentElement?.parentElement?.outerHTML.slice(0, 3000), axe[0].targets[0]));
        expect({ step, axe }).toEqual({ step, axe: [] });
      }
      const booked = async () => (await analytics(page)).filter((e) => e.name === 'scopingbot:booked');

      // The page loads a launcher, not Web Chat.
      await page.goto(`${target.baseUrl}/`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.getByRole('button', { name: /start the scoping chat/i }).waitFor();
      await check('launcher', null);
      // Web Chat is at most fetched into the cache (once the launcher is seen): it has not run.
      expect(await page.evaluate(() => 'WebChat' in window)).toBe(false);
      await shot('launcher');

      await openChat(page);
      let prompt = await nextBotMessage(page, undefined);
      expect(prompt.value).toEqual({ welcome: true });
      await check('welcome', prompt);
      await shot('welcome');
      await clickSuggested(page, messages.welcome.choices.start);

      // The questions, each answered with a quick reply.
      const asked: string[] = [];
      for (prompt = await nextBotMessage(page, prompt.id); prompt.value?.question && !prompt.value.recommendation; ) {
        const question = prompt.value.question;
        asked.push(question);
        await check(`question ${question}`, prompt);
        if (question === 'sector') await shot('question');
        const titles = prompt.suggestedActions?.actions.map((a) => a.title) ?? [];
        const title = titles.find((t) => PREFERRED[question]?.test(t)) ?? titles[0];
        await clickSuggested(page, title);
        prompt = await nextBotMessage(page, prompt.id);
      }
      expect(asked).toEqual(['ai_use', 'certification', 'infosec_maturity', 'ai_materiality', 'sector', 'eu_exposure', 'procurement']);

      // The recommendation: a card led by the pathway, its start in view.
      const recommendation = prompt;
      expect(recommendation.value?.recommendation).toEqual(expect.objectContaining({ pathway: '27001-first', tier: expect.any(String) }));
      const pathwayTitle = messages.recommendation.pathways['27001-first'].title;
      await page.locator('.ac-adaptiveCard', { hasText: pathwayTitle }).last().waitFor();
      await check('recommendation', recommendation);
      await shot('recommendation-arrived');
      // Scrolled to its start: the pathway line is inside the transcript's visible area.
      const pathwayInView = () =>
        page.evaluate((title) => {
          const transcript = document.querySelector('.webchat__basic-transcript');
          const lines = Array.from(document.querySelectorAll<HTMLElement>('.ac-adaptiveCard .ac-textBlock')).filter((el) => el.innerText.trim() === title);
          const line = lines[lines.length - 1];
          if (!transcript || !line) return { found: false, inView: false };
          const view = transcript.getBoundingClientRect();
          const box = line.getBoundingClientRect();
          return { found: true, inView: box.top >= view.top && box.bottom <= view.bottom, line: [box.top, box.bottom], view: [view.top, view.bottom] };
        }, pathwayTitle);
      await page.waitForFunction(
        (title) => {
          const transcript = document.querySelector('.webchat__basic-transcript');
          const lines = Array.from(document.querySelectorAll<HTMLElement>('.ac-adaptiveCard .ac-textBlock')).filter((el) => el.innerText.trim() === title);
          const line = lines[lines.length - 1];
          if (!transcript || !line) return false;
          const view = transcript.getBoundingClientRect();
          const box = line.getBoundingClientRect();
          return box.top >= view.top && box.bottom <= view.bottom;
        },
        pathwayTitle,
        { timeout: 10_000 },
      ).catch(async () => expect(await pathwayInView()).toEqual({ found: true, inView: true }));
      await shot('recommendation');
      await clickSuggested(page, messages.recommendation.actions.book);

      // The disclaimer, then the contact card, filled in and sent.
      prompt = await nextBotMessage(page, recommendation.id);
      expect(prompt.value?.question).toBe('disclaimer');
      await check('disclaimer', prompt);
      await clickSuggested(page, messages.booking.disclaimerChoices.accept);
      prompt = await nextBotMessage(page, prompt.id);
      expect(prompt.value?.question).toBe('contact');
      const form = page.locator('.ac-adaptiveCard', { hasText: messages.booking.formTitle }).last();
      await form.waitFor();
      await check('contact card', prompt);
      expect(await form.innerText()).not.toMatch(/\*\s*\*/); // one required mark, not two
      await form.getByRole('textbox', { name: /^Name/ }).fill('Alex Example');
      await form.getByRole('textbox', { name: /^Work email/ }).fill('alex@example.com');
      await form.getByRole('textbox', { name: /^Organisation/ }).fill('Example Ltd');
      const consent = form.getByRole('checkbox');
      await consent.check();
      // The whole consent sentence is shown, not cut off at the card's edge.
      const consentText = form.getByText(messages.booking.formConsent);
      expect(await consentText.evaluate((el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight + 1)).toBe(true);
      await shot('contact');
      await clickCardButton(page, messages.booking.formSubmit);

      // Slots, offered once each; the first one, confirmed.
      prompt = await nextBotMessage(page, prompt.id);
      expect(prompt.value?.question).toBe('slot');
      await check('slots', prompt);
      await shot('slots');
      const slotTitles = prompt.suggestedActions!.actions.map((a) => a.title);
      await clickSuggested(page, slotTitles[0]);
      prompt = await nextBotMessage(page, prompt.id);
      expect(prompt.value?.question).toBe('confirm');
      expect(prompt.text).toMatch(/(Monday|Tuesday|Wednesday|Thursday|Friday) \d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December)/);
      await check('confirm', prompt);
      await clickSuggested(page, messages.booking.confirmChoices.yes);

      prompt = await nextBotMessage(page, prompt.id);
      const first = prompt.value?.booking;
      expect(first).toEqual(expect.objectContaining({ status: 'confirmed' }));
      await check('booked', prompt);
      await shot('booked');
      expect((await booked()).length).toBe(1);

      // A question after booking: answered, without the booking repeated or another event.
      await send(page, 'How long does certification take?');
      prompt = await nextBotMessage(page, prompt.id);
      expect(prompt.value).toEqual({ faq: 'faq.timeline' });
      await check('question after booking', prompt);
      expect(await visibleStep(page)).not.toMatch(/already have a call booked/);
      expect((await booked()).length).toBe(1);

      // A reschedule: new times, another slot, confirmed: one more event.
      await clickCardButton(page, messages.booking.bookedActions.reschedule);
      prompt = await nextBotMessage(page, prompt.id);
      expect(prompt.value?.question).toBe('slot');
      await check('reschedule slots', prompt);
      const other = prompt.suggestedActions!.actions.map((a) => a.title).find((t) => t !== slotTitles[0])!;
      await clickSuggested(page, other);
      prompt = await nextBotMessage(page, prompt.id);
      expect(prompt.value?.question).toBe('confirm');
      await check('reschedule confirm', prompt);
      await clickSuggested(page, messages.booking.confirmChoices.yes);
      prompt = await nextBotMessage(page, prompt.id);
      const second = prompt.value?.booking;
      expect(second).toEqual(expect.objectContaining({ status: 'confirmed' }));
      expect(second!.start).not.toBe(first!.start);
      await check('rescheduled', prompt);

      const { pathway, tier } = recommendation.value!.recommendation!;
      expect(await analytics(page)).toEqual([
        { name: 'scopingbot:recommendation', detail: { pathway, tier } },
        { name: 'scopingbot:booked', detail: { pathway, tier } },
        { name: 'scopingbot:booked', detail: { pathway, tier } },
      ]);
      expect([...new Set(cardFailures)]).toEqual([]);

      if (!viewport.phone) {
        // A reload, and another page of the site: the same conversation reopens with its history, and no event fires again.
        await page.reload();
        await bubble(page, shown(prompt.text)).waitFor();
        expect(await analytics(page)).toEqual([]);
        await page.goto(`${target.baseUrl}/services.html`);
        await bubble(page, shown(prompt.text)).waitFor();
        expect(await analytics(page)).toEqual([]);
        expect((await lastFromBot(page))?.id).toBe(prompt.id);
      }

      if (process.env.UPDATE_DOCS_SCREENSHOTS === '1') {
        for (const name of ['welcome', 'recommendation', 'slots', 'booked']) {
          fs.copyFileSync(path.join(ARTIFACTS, `${viewport.name}-${name}.png`), path.join(DOCS, `widget-${viewport.name}-${name}.png`));
        }
      }
      await context.close();
    });
  }

  it.each([
    [320, 568],
    [768, 1024],
    [1920, 1080],
  ])('at %i×%i the page and the open widget hold: no sideways overflow, "New chat" and the send box on screen', async (width, height) => {
    const context = await browser.newContext({ viewport: { width, height }, ...(width < 640 ? { isMobile: true, hasTouch: true } : {}) });
    const page = await context.newPage();
    await page.goto(`${target.baseUrl}/`);
    expect(await horizontalOverflow(page)).toEqual([]);
    await page.getByRole('button', { name: /start the scoping chat/i }).click();
    await page.getByRole('textbox', { name: /message/i }).waitFor();
    await nextBotMessage(page, undefined);
    await page.locator('.webchat__suggested-actions button').first().waitFor();
    expect(await horizontalOverflow(page)).toEqual([]);
    await page.locator('.scopingbot').scrollIntoViewIfNeeded();
    expect(await offScreen(page)).toEqual([]);
    await context.close();
  });

  it('a phone opens the chat full-screen from a corner button, and closing it returns to the page', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${target.baseUrl}/`);
    // The launcher in the page is below the fold; the corner button opens the chat from where the visitor is.
    const corner = page.getByRole('button', { name: 'Chat with us' });
    expect(await corner.boundingBox()).toEqual(expect.objectContaining({ y: expect.any(Number) }));
    const cornerBox = (await corner.boundingBox())!;
    expect(cornerBox.y + cornerBox.height).toBeLessThanOrEqual(640);
    await corner.click();
    await page.getByRole('textbox', { name: /message/i }).waitFor();
    const welcome = await nextBotMessage(page, undefined);
    await page.locator('.webchat__suggested-actions button').first().waitFor();
    const box = await page.locator('.scopingbot').boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width: 320, height: 640 });
    expect(await horizontalOverflow(page)).toEqual([]);
    expect(countLabels(await visibleStep(page), choiceLabels(welcome))).toEqual(Object.fromEntries(choiceLabels(welcome).map((l) => [l, 1])));
    await page.getByRole('button', { name: 'Close the chat' }).click();
    await page.getByRole('button', { name: /continue the chat/i }).waitFor();
    expect(await page.locator('.scopingbot').isHidden()).toBe(true);
    await context.close();
  });
});

