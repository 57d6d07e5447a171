import type { Command } from 'commander';
import { parseSince } from '../leads/cli/filters';
import type { CommandContext } from '../leads/cli/extra';
import { renderTable } from '../leads/cli/table';
import { buildReport, dropOff, percent } from './report';

/** `npm run leads -- funnel --since 30d` and `npm run leads -- misses`: the funnel and what the bot did not understand. */
export function funnelCommands(program: Command, ctx: CommandContext): void {
  program
    .command('funnel')
    .description('conversations started, questions reached and answered, recommendations, consent, bookings: per channel, with drop-off')
    .option('--since <when>', 'from: 30d, 2w, 24h or a date (2026-11-01)', '30d')
    .option('--json', 'the report and the daily counts as JSON')
    .action(async (opts: { since: string; json?: boolean }) => {
      const since = parseSince(opts.since, ctx.io.now());
      if (typeof since === 'string') {
        ctx.io.err(`${since}\n`);
        ctx.setCode(2);
        return;
      }
      const fromDay = since.toISOString().slice(0, 10);
      const { backend } = await ctx.open();
      const report = buildReport(fromDay, await backend.funnel.counts(fromDay));
      if (opts.json) {
        ctx.io.out(`${JSON.stringify(report, null, 2)}\n`);
        return;
      }
      ctx.io.out(`Funnel since ${fromDay} (UTC days; no personal data)\n\n`);
      const columns = [...report.channels, 'all'];
      const started = report.stages[0].counts;
      const rows = report.stages.map((stage, i) => [
        stage.metric,
        ...columns.map((ch) => {
          const n = stage.counts[ch] ?? 0;
          const before = i === 0 ? n : (report.stages[i - 1].counts[ch] ?? 0);
          return i === 0 ? String(n) : `${n} (${percent(n, started[ch] ?? 0)}, -${dropOff(before, n)})`;
        }),
      ]);
      ctx.io.out(renderTable(['stage', ...columns.map((c) => (c === 'all' ? 'all channels' : c))], rows));
      ctx.io.out('\n(n (share of started, drop-off from the stage above))\n\n');
      const list = (title: string, counts: Record<string, number>) =>
        ctx.io.out(`${title}: ${Object.entries(counts).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}\n`);
      list('Recommendations by pathway', report.pathways);
      list('FAQ asked', report.faq);
      ctx.io.out(`Misunderstood messages: ${report.misunderstood} (npm run leads -- misses)\nCancellations: ${report.cancelled}\nReschedules: ${report.rescheduled}\n`);
    });

  program
    .command('misses')
    .description('messages the bot did not understand, newest first, with email addresses and phone numbers masked')
    .option('--since <when>', 'from: 30d, 2w, 24h or a date', '30d')
    .option('--limit <n>', 'at most this many', '100')
    .action(async (opts: { since: string; limit: string }) => {
      const since = parseSince(opts.since, ctx.io.now());
      const limit = Number(opts.limit);
      if (typeof since === 'string' || !Number.isInteger(limit) || limit < 1) {
        ctx.io.err(`${typeof since === 'string' ? since : `--limit takes a whole number (got "${opts.limit}")`}\n`);
        ctx.setCode(2);
        return;
      }
      const { backend } = await ctx.open();
      const misses = await backend.funnel.misses(since.toISOString(), limit);
      if (misses.length === 0) {
        ctx.io.out('No misunderstood messages.\n');
        return;
      }
      ctx.io.out(renderTable(['when (UTC)', 'channel', 'pending question', 'message'], misses.map((m) => [m.at.slice(0, 16).replace('T', ' '), m.channel, m.question ?? '-', m.text.replace(/\s+/g, ' ')])));
    });
}
