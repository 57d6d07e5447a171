import readline from 'node:readline';
import type { Activity, CardAction } from 'botbuilder';
import { createServices } from '../app/services';
import { ScopingBot } from '../bot/scoping-bot';
import { parseConfig } from '../config/config';
import { createLogger } from '../server/logger';
import { TerminalAdapter } from './terminal-adapter';

/**
 * `npm run chat`: talk to the bot in the terminal. Choices are numbered; type
 * the number (or anything else) to answer. Uses the same data folder as the server.
 */

interface Choice {
  title: string;
  value: unknown;
}

async function main(): Promise<void> {
  const parsed = parseConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  if (!parsed.ok) {
    process.stderr.write(`${parsed.error.message}\n`);
    process.exit(1);
  }
  const config = parsed.config;
  const logger = createLogger(config.logLevel, (line) => process.stderr.write(line));
  const services = await createServices(config, logger, { baseUrl: () => config.publicBaseUrl ?? `http://localhost:${config.port}` });
  const bot = new ScopingBot({ services: services.turn, conversations: services.conversations, logger });
  let choices: Choice[] = [];

  const adapter = new TerminalAdapter(
    (activity) => {
      if (activity.text) process.stdout.write(`\nbot> ${activity.text.replace(/\n/g, '\n     ')}\n`);
      const next = choicesOf(activity);
      if (next.length > 0) {
        choices = next;
        process.stdout.write(choices.map((c, i) => `     [${i + 1}] ${c.title}`).join('\n') + '\n');
      }
    },
    {
      channelId: 'terminal',
      serviceUrl: 'terminal://local',
      conversation: { id: `terminal-${process.env.USER ?? 'user'}`, isGroup: false, conversationType: 'personal', name: 'terminal' },
      user: { id: 'terminal-user', name: process.env.USER ?? 'you' },
      bot: { id: 'scoping-bot', name: 'Scoping bot' },
    },
  );
  const run = (activity: Partial<Activity>) => adapter.receive(activity, (context) => bot.run(context));

  process.stdout.write('Scoping assistant in the terminal. Type a reply, a choice number, or "quit".\n');
  await run({ type: 'conversationUpdate', membersAdded: [{ id: 'terminal-user', name: 'you' }] });

  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: '\nyou> ' });
  rl.prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (/^(quit|exit)$/i.test(text)) break;
    const picked = /^\d+$/.test(text) ? choices[Number(text) - 1] : undefined;
    // A numbered card button is sent as the click it stands for; anything else as typed text.
    await run(picked && typeof picked.value === 'object' ? { type: 'message', value: picked.value } : { type: 'message', text: picked ? String(picked.value) : text });
    rl.prompt();
  }
  rl.close();
  services.close();
}

/** Buttons of the card, or the suggested actions, as numbered choices. */
function choicesOf(activity: Partial<Activity>): Choice[] {
  const card = activity.attachments?.[0]?.content as { actions?: { type: string; title: string; data?: unknown }[] } | undefined;
  const submits = (card?.actions ?? []).filter((a) => a.type === 'Action.Submit' && a.data && Object.keys(a.data).length > 1 || (a.data as { action?: string })?.action);
  if (submits.length > 0) return submits.map((a) => ({ title: a.title, value: a.data }));
  const suggested = (activity.suggestedActions?.actions ?? []) as CardAction[];
  return suggested.map((a) => ({ title: a.title ?? String(a.value), value: a.value }));
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
