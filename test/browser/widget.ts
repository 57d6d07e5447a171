import type { Page } from 'playwright-core';

/**
 * Drives the widget as a visitor would, deciding what to click from what the
 * bot last asked: its latest prompt's `value` (read over Direct Line with the
 * page's own stored token, as the widget reads it).
 */

export interface BotActivity {
  id: string;
  text?: string;
  value?: { question?: string; recommendation?: { pathway: string; tier: string }; booking?: { id: string; start: string; status: string } };
  suggestedActions?: { actions: { title: string }[] };
  attachments?: { contentType: string; content: unknown }[];
  from: { role: string };
}

export const bubble = (page: Page, text: string | RegExp) => page.locator('.webchat__bubble__content', { hasText: text }).last();

/**
 * The start of a message as it reads on screen: markdown marks and links
 * removed, and straight quotes matching the curly ones Web Chat's markdown
 * typesets them as.
 */
export const shown = (text: string | undefined): RegExp => {
  const start = (text ?? '')
    .split('\n')[0]
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`#>]/g, '')
    .trim()
    .slice(0, 30);
  const escaped = start.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/['"]/g, '.');
  return new RegExp(escaped);
};

/** The conversation so far, from the server, with the token the page keeps. */
export async function transcript(page: Page): Promise<BotActivity[]> {
  return page.evaluate(async () => {
    const saved = JSON.parse(localStorage.getItem('scopingbot.conversation.v1') ?? 'null');
    if (!saved) return [];
    const res = await fetch(`${saved.domain}/conversations/${saved.conversationId}/activities`, { headers: { Authorization: `Bearer ${saved.token}` } });
    return res.ok ? (await res.json()).activities : [];
  });
}

export async function lastFromBot(page: Page): Promise<BotActivity | undefined> {
  const all = await transcript(page);
  return all.filter((a) => a.from.role === 'bot' && a.text).pop();
}

/** Waits until the bot's latest message is a new one (not `previousId`) and its text is on screen. */
export async function nextBotMessage(page: Page, previousId: string | undefined, timeout = 20000): Promise<BotActivity> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const last = await lastFromBot(page);
    if (last && last.id !== previousId) {
      await bubble(page, shown(last.text)).waitFor({ timeout: Math.max(1000, deadline - Date.now()) });
      return last;
    }
    if (Date.now() > deadline) {
      const tail = (await transcript(page)).slice(-5).map((a) => `${a.from.role} ${(a as { type?: string }).type}: ${a.text ?? ""} ${JSON.stringify(a.value ?? null)}`);
      throw new Error(`the bot did not answer; the conversation ends:\n${tail.join('\n')}`);
    }
    await page.waitForTimeout(100); // polling the server for the next reply, not a timing guess
  }
}

/** Clicks a suggested action (the quick-reply buttons under the transcript). */
export async function clickSuggested(page: Page, title: string | RegExp): Promise<void> {
  await page.locator('.webchat__suggested-actions button', { hasText: title }).first().click();
}

/** Clicks a button of the latest card that has it (Adaptive Card actions). */
export async function clickCardButton(page: Page, title: string): Promise<void> {
  const button = page.locator('.ac-adaptiveCard button', { hasText: title }).last();
  // Brought into view inside the transcript first, the least scroll that shows it: a visitor's own
  // scrolling never moves the page, but Playwright's centring can scroll the window too and push the
  // widget's header off screen.
  await button.evaluate((el) => el.scrollIntoView({ block: 'nearest', inline: 'nearest' }));
  await button.click();
}

/** Opens the chat from the launcher, as a visitor does, and waits for the send box. */
export async function openChat(page: Page): Promise<void> {
  await page.getByRole('button', { name: /start the scoping chat|continue the chat/i }).click();
  await page.getByRole('textbox', { name: /message/i }).last().waitFor();
}

/** Types into the send box and presses Enter, as a keyboard user does. */
export async function send(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: /message/i }).last();
  await box.click();
  await box.fill(text);
  await box.press('Enter');
}
