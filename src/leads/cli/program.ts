import { Command, CommanderError } from 'commander';
import { openBackend, type Backend } from '../../app/backend';
import { StartupError } from '../../app/startup-error';
import { checkDataFiles } from '../../storage/preflight';
import { SlotFormatter } from '../../booking/slots';
import type { Config } from '../../config/config';
import { renderBriefMarkdown } from '../brief';
import { LeadService } from '../service';
import type { LeadListing } from '../store/types';
import { matches, parseFilters } from './filters';
import { renderTable } from './table';
import { extraCommands } from './extra';

/**
 * `npm run leads -- <command>`: the practitioners' view of leads, parsed with
 * commander. Output goes to `out`, problems to `err`; the result is the exit
 * code (0 done, 1 not found or failed, 2 bad usage).
 */

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  now: () => Date;
}

export interface Opened {
  config: Config;
  backend: Backend;
  leads: LeadService;
}

export async function runLeadsCli(argv: string[], config: Config, io: Io): Promise<number> {
  let opened: Opened | null = null;
  const open = async (): Promise<Opened> => {
    if (opened) return opened;
    // A file that is not a database is named, with what to do, before any store opens it (pages are checked at server start).
    if (!config.database.url) checkDataFiles(config.dataDir, ['records.sqlite', 'conversations.sqlite', 'teams.sqlite', 'outbox.sqlite', 'funnel.sqlite'], 'header');
    const backend = await openBackend(config);
    const leads = new LeadService({
      config,
      records: backend.records,
      clock: io.now,
      // One unreadable lead row must not hide the others: say which, on stderr, and go on.
      onUnreadable: (row) => io.err(`Warning: lead ${row.id} could not be read and was skipped (${row.problem}).\n`),
    });
    opened = { config, backend, leads };
    return opened;
  };
  let code = 0;
  const program = new Command('npm run leads --')
    .description("The practitioners' view of leads, briefs, the CRM webhook and the funnel.")
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run "npm run leads -- --help" for the commands)')
    .allowExcessArguments(false);

  program
    .command('list')
    .description('every lead, newest first: when last seen, name, email, organisation, pathway, tier, booking (London), contacted')
    .option('--tier <tier>', 'only leads of this tier: hot, warm or nurture')
    .option('--since <when>', 'only leads seen since: 7d, 24h, 2w or a date (2026-11-01)')
    .option('--booked', 'only leads with a confirmed call')
    .option('--not-booked', 'only leads without a confirmed call')
    .option('--json', 'one JSON array, for scripts')
    .action(async (opts: { tier?: string; since?: string; booked?: boolean; notBooked?: boolean; json?: boolean }) => {
      const filters = parseFilters(opts, io.now());
      if (typeof filters === 'string') {
        io.err(`${filters}\n`);
        code = 2;
        return;
      }
      const { leads, backend } = await open();
      const listed = (await leads.listLeads()).filter((l) => matches(l, filters));
      const contacted = await backend.teams.contactMarks();
      if (opts.json) {
        io.out(`${JSON.stringify(listed.map((l) => ({ ...l, contacted: contacted.get(l.id) ?? null })), null, 2)}\n`);
        return;
      }
      if (listed.length === 0) {
        io.out('No leads.\n');
        return;
      }
      io.out(listTable(listed, contacted, config.booking.timeZone));
    });

  program
    .command('show')
    .description("a lead's brief as Markdown (booked or not)")
    .argument('<id>', 'the lead id, as in the list')
    .action(async (id: string) => {
      const { leads } = await open();
      const brief = await leads.brief(id).catch((error: Error) => error);
      if (brief instanceof Error) {
        io.err(`Lead ${id} could not be read (${brief.message.split('\n')[0]}). Other leads: npm run leads -- list\n`);
        code = 1;
        return;
      }
      if (!brief) {
        io.err(`No lead with id "${id}". Try: npm run leads -- list\n`);
        code = 1;
        return;
      }
      io.out(renderBriefMarkdown(brief));
    });

  program
    .command('export')
    .description('all leads as CSV on stdout')
    .option('--csv', 'CSV (the only format)')
    .action(async (opts: { csv?: boolean }) => {
      if (!opts.csv) {
        io.err('export needs --csv (the only format).\n');
        code = 2;
        return;
      }
      const { leads } = await open();
      io.out(await leads.exportCsv());
    });

  program
    .command('purge')
    .description('erase leads older than RETENTION_DAYS with their bookings, consents and briefs, and conversations idle as long')
    .action(async () => {
      const { leads, backend } = await open();
      const now = io.now();
      const counts = await leads.purge({ now });
      const cutoff = new Date(now.getTime() - config.privacy.retentionDays * 86_400_000);
      const conversations = await backend.storage.purgeOlderThan(cutoff);
      const misses = await backend.funnel.purgeMisses(cutoff.toISOString());
      io.out(
        `Purged leads older than ${config.privacy.retentionDays} days: ${counts.leads} leads, ${counts.consents} consent records, ${counts.bookings} bookings, ${counts.briefs} briefs, ${conversations} idle conversations, ${misses} misunderstood messages.\n`,
      );
    });

  for (const add of extraCommands) add(program, { open, io, config, setCode: (c) => (code = c) });

  try {
    await program.parseAsync(argv, { from: 'user' });
    if (argv.length === 0) program.outputHelp();
  } catch (error) {
    if (error instanceof StartupError) {
      io.err(`${error.message}\n`);
      return 1;
    }
    if (!(error instanceof CommanderError)) throw error;
    code = error.exitCode === 0 ? 0 : 2;
  } finally {
    if (opened) await (opened as Opened).backend.close();
  }
  return code;
}

function listTable(listed: LeadListing[], contacted: Map<string, { contactedAt: string; byName: string }>, timeZone: string): string {
  const when = new SlotFormatter(timeZone);
  const rows = listed.map((l) => {
    const mark = contacted.get(l.id);
    return [
      l.id,
      l.updatedAt.slice(0, 10),
      l.name,
      l.email,
      l.organisation,
      l.pathway ?? '-',
      l.tier ?? '-',
      l.booking ? `${when.format(l.booking)} ${l.booking.status}` : 'not booked',
      mark ? `${mark.contactedAt.slice(0, 10)} by ${mark.byName}` : 'no',
      String(l.conversations),
    ];
  });
  return renderTable(['id', 'last seen', 'name', 'email', 'organisation', 'pathway', 'tier', 'booking (London)', 'contacted', 'chats'], rows);
}
