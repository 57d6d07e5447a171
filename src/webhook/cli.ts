import type { Command } from 'commander';
import { renderTable } from '../leads/cli/table';
import type { CommandContext } from '../leads/cli/extra';
import { DEAD_LETTER_TOPIC, type DeadLetter } from './delivery';
import { WEBHOOK_TOPIC } from './feed';

/** `npm run leads -- webhooks`: where the webhook stands: pending events and the dead-letter list. */
export function webhooksCommand(program: Command, ctx: CommandContext): void {
  program
    .command('webhooks')
    .description('the CRM webhook: events waiting to be delivered, and the dead-letter list (events that ran out of attempts)')
    .option('--json', 'the dead letters as JSON (with their events, to replay by hand)')
    .action(async (opts: { json?: boolean }) => {
      const { backend } = await ctx.open();
      const dead = (await backend.outbox.list(DEAD_LETTER_TOPIC, 1000)).map((m) => m.payload as DeadLetter);
      if (opts.json) {
        ctx.io.out(`${JSON.stringify(dead, null, 2)}\n`);
        return;
      }
      const pending = await backend.outbox.list(WEBHOOK_TOPIC, 1000);
      const target = ctx.config.practice.webhook;
      ctx.io.out(`Webhook: ${target ? new URL(target.url).origin + new URL(target.url).pathname : 'not configured (LEADS_WEBHOOK_URL)'}\n`);
      ctx.io.out(`Waiting: ${pending.length}${pending[0] ? ` (oldest ${pending[0].enqueuedAt}, ${pending[0].attempts} attempts, last ${pending[0].lastFailure ?? 'none'}, next ${pending[0].nextAttemptAt})` : ''}\n`);
      ctx.io.out(`Dead letters: ${dead.length}\n`);
      if (dead.length === 0) return;
      ctx.io.out(
        renderTable(
          ['event id', 'type', 'lead', 'happened', 'gave up', 'attempts', 'last failure'],
          dead.map((d) => [d.event.id, d.event.type, d.event.leadId, d.event.createdAt, d.deadAt, String(d.attempts), d.failure]),
        ),
      );
    });
}
