import readline from 'node:readline';
import type { Activity, CardAction } from 'botbuilder';
import { createServices } from '../app/services';
import { ScopingBot } from '../bot/scoping-bot';
import { parseConfig } from '../config/config';
import { createLogger } from '../server/logger';
import { chooseConversation } from './conversation-id';
import { terminalMarkdown } from './markdown';
import { TerminalAdapter } from './terminal-adapter';

/**
 * `npm run chat`: talk to the bot in the terminal. The bot numbers the choices
 * (the terminal's presentation, dialogs/channel.ts); type a number or anything
 * else. Each run starts a new conversation; `--resume` continues the last one.
 * Uses the same data folder as the server.
 */

interface Choice {
  title: string;
  /** A button's data, sent as the click it stands for; absent: the title is sent as typed text. */
  data?: unknown;
}

async function main(): Promise<void> {
  const resume = process.argv.includes('--resume');
  const parsed = parseConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  if (!parsed.ok) {
    process.stderr.write(`${parsed.error.message}\n`);
    process.exit(1);
  }
  const config = parsed.config;
  const conversation = chooseConversation(config.dataDir, resume);
  if (!conversation.ok) {
    process.stderr.write(`${conversation.reason}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel, (line) => process.stderr.write(line));
  const services = await createServices(config, logger, { baseUrl: () => config.publicBaseUrl ?? `http://localhost:${config.port}` });
  const bot = new ScopingBot({ services: services.turn, conversations: services.conversations, logger });
  const render = terminalMarkdown();
  let choices: Choice[] = [];

  const adapter = new TerminalAdapter(
    (activity) => {
      if (activity.text) process.stdout.write(`\nbot> ${render(activity.text).replace(/\n/g, '\n     ')}\n`);
      const next = choicesOf(activity);
      if (next.length > 0) choices = next;
    },
    {
      channelId: 'terminal',
      serviceUrl: 'terminal://local',
      conversation: { id: conversation.id, isGroup: false, conversationType: 'personal', name: 'terminal' },
      user: { id: 'terminal-user', name: process.env.USER ?? 'you' },
      bot: { id: 'scoping-bot', name: 'Scoping bot' },
    },
  );
  const run = (activity: Partial<Activity>) => adapter.receive(activity, (context) => bot.run(context));

  process.stdout.write(
    conversation.resumed
      ? 'Scoping assistant in the terminal, continuing the last conversation. Type a reply, a choice number, or "quit".\n'
      : 'Scoping assistant in the terminal. Type a reply, a choice number, or "quit" ("npm run chat -- --resume" continues later).\n',
  );
  await run({ type: 'conversationUpdate', membersAdded: [{ id: 'terminal-user', name: 'you' }] });

  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: '\nyou> ' });
  rl.prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (/^(quit|exit)$/i.test(text)) break;
    const picked = /^\d+$/.test(text) ? choices[Number(text) - 1] : undefined;
    await run(picked?.data !== undefined ? { type: 'message', value: picked.data } : { type: 'message', text: picked ? picked.title : text });
    rl.prompt();
  }
  rl.close();
  await services.close(); // writes what is still held in memory (the funnel's counts) before the process ends
}

/** The numbered choices the bot offered, in their order (its quick replies carry what each sends). */
function choicesOf(activity: Partial<Activity>): Choice[] {
  const actions = (activity.suggestedActions?.actions ?? []) as CardAction[];
  return actions.map((a) => (a.type === 'messageBack' ? { title: a.title ?? '', data: a.value } : { title: a.title ?? String(a.value) }));
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
