import fs from 'node:fs';
import type { Page } from 'playwright-core';
import type { BotActivity } from './widget';

/**
 * What every step of a conversation in the widget must satisfy, measured in
 * the page: nothing overflows sideways, each choice is shown once, no serious
 * or critical axe-core violation, the header's "New chat" and the send box on screen.
 */

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface Overflow {
  what: string;
  scrollWidth: number;
  clientWidth: number;
}

/** Every box that must not scroll sideways: the page, the widget, its transcript and quick replies. */
export async function horizontalOverflow(page: Page): Promise<Overflow[]> {
  return page.evaluate(() => {
    const boxes: [string, Element | null][] = [
      ['page', document.documentElement],
      ['body', document.body],
      ['widget', document.querySelector('.scopingbot')],
      ['transcript', document.querySelector('.webchat__basic-transcript__scrollable')],
      ['quick replies', document.querySelector('.webchat__suggested-actions')],
      ['send box', document.querySelector('.webchat__send-box')],
    ];
    return boxes
      .filter((entry): entry is [string, Element] => entry[1] !== null)
      .map(([what, el]) => ({ what, scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }))
      .filter((box) => box.scrollWidth > box.clientWidth);
  });
}

/** The labels of the choices a bot message offers: quick replies and card buttons. */
export function choiceLabels(activity: BotActivity): string[] {
  const quick = activity.suggestedActions?.actions.map((a) => a.title) ?? [];
  const buttons: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (typeof element.type === 'string' && element.type.startsWith('Action.') && typeof element.title === 'string') buttons.push(element.title);
    for (const key of ['body', 'items', 'columns', 'actions']) if (key in element) walk(element[key]);
  };
  for (const attachment of activity.attachments ?? []) walk(attachment.content);
  return [...quick, ...buttons];
}

/**
 * What the visitor sees for this step: the messages since their last one, the
 * quick replies under them (rendered text, as on screen).
 */
export async function visibleStep(page: Page): Promise<string> {
  return page.evaluate(() => {
    const activities = Array.from(document.querySelectorAll('.webchat__basic-transcript__activity'));
    let start = 0;
    activities.forEach((el, i) => {
      if (el.querySelector('.webchat__bubble--from-user')) start = i + 1;
    });
    const shown = activities.slice(start).map((el) => (el as HTMLElement).innerText);
    const quick = document.querySelector('.webchat__suggested-actions') as HTMLElement | null;
    return [...shown, quick?.innerText ?? ''].join('\n');
  });
}

/** How often each label appears on screen for this step, as a whole phrase and in its own case. */
export function countLabels(screen: string, labels: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const label of labels) {
    const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    counts[label] = (screen.match(new RegExp(`(?<![\\w])${escaped}(?![\\w])`, 'g')) ?? []).length;
  }
  return counts;
}

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
  html: string[];
}

export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.addScriptTag({ content: AXE });
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[]; html: string }[] }[] }> } }).axe;
    const run = await axe.run(document, { resultTypes: ['violations'] });
    return run.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
      html: v.nodes.slice(0, 3).map((n) => n.html.slice(0, 300)),
    }));
  });
  return results.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Elements that must stay on screen: "New chat" and the send box, each wholly inside the viewport. */
export async function offScreen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const wanted: [string, Element | null][] = [
      ['New chat', document.querySelector('.scopingbot__restart')],
      ['send box', document.querySelector('.webchat__send-box input, .webchat__send-box textarea')],
      ['send button', document.querySelector('.webchat__send-box button[title="Send"], .webchat__send-button')],
    ];
    return wanted
      .filter(([, el]) => {
        if (!el) return true;
        const box = el.getBoundingClientRect();
        return box.width === 0 || box.left < 0 || box.right > window.innerWidth || box.top < 0 || box.bottom > window.innerHeight;
      })
      .map(([name]) => name);
  });
}
