import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { describeInChromium, launch, screenshot } from './chromium';
import { startTarget, type Target } from './target';
import { bubble, lastFromBot, nextBotMessage, openChat, shown } from './widget';

/**
 * The page with the widget open: keyboard-only use, and an axe-core scan that
 * finds no serious or critical violations.
 */

jest.setTimeout(90_000);

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

async function focusedDescription(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el ? `${el.tagName.toLowerCase()}|${el.getAttribute('aria-label') ?? ''}|${el.getAttribute('placeholder') ?? ''}|${(el.textContent ?? '').trim().slice(0, 40)}` : '';
  });
}

/** Presses Tab until focus matches, as a keyboard user would; fails after `max` presses. */
async function tabTo(page: Page, matches: (focused: string) => boolean, max = 60): Promise<string> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = await focusedDescription(page);
    if (matches(focused)) return focused;
  }
  throw new Error('focus never reached the element by Tab');
}

describeInChromium('website widget accessibility', () => {
  let target: Target;
  let browser: Browser;
  beforeAll(async () => {
    target = await startTarget();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await target?.stop();
  });

  it('is usable with the keyboard alone: skip link, a quick reply, typing an answer', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${target.baseUrl}/`);

    // The skip link is the first stop and lands on the widget, whose launcher opens it with Enter.
    await page.keyboard.press('Tab');
    expect(await focusedDescription(page)).toMatch(/^a\|.*Skip to the scoping assistant/);
    await page.keyboard.press('Enter');
    await tabTo(page, (f) => f.startsWith('button|') && /Start the scoping chat/.test(f));
    await page.keyboard.press('Enter');
    const welcome = await nextBotMessage(page, undefined);
    // Opening moves focus to the send box, ready to type.
    await page.waitForFunction(() => /message/i.test(document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.getAttribute('placeholder') ?? ''));

    // A quick reply, chosen with Tab and Enter.
    const start = welcome.suggestedActions!.actions[0].title;
    await tabTo(page, (f) => f.startsWith('button|') && f.includes(start));
    await page.keyboard.press('Enter');
    const question = await nextBotMessage(page, welcome.id);
    expect(question.value?.question).toEqual(expect.any(String));

    // An answer typed into the send box and sent with Enter.
    await tabTo(page, (f) => /^(input|textarea)\|/.test(f) && /message/i.test(f));
    await page.keyboard.type('We have AI in production');
    await page.keyboard.press('Enter');
    await bubble(page, 'We have AI in production').waitFor();
    const next = await nextBotMessage(page, question.id);
    expect(next.id).not.toBe(question.id);
    await screenshot(page, '05-keyboard');
    await page.close();
  });

  it('has no serious or critical axe-core violations with the widget open', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${target.baseUrl}/`);
    await openChat(page);
    const welcome = await nextBotMessage(page, undefined);
    await bubble(page, shown(welcome.text)).waitFor();
    await page.locator('.webchat__suggested-actions button').first().waitFor();
    expect((await lastFromBot(page))?.id).toBe(welcome.id);
    await page.addScriptTag({ content: AXE });
    const results = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const run = await axe.run(document, { resultTypes: ['violations'] });
      return run.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
    });
    fs.writeFileSync(`${__dirname}/../../test-artifacts/axe-violations.json`, JSON.stringify(results, null, 2));
    const blocking = results.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(blocking).toEqual([]);
    await page.close();
  });
});
