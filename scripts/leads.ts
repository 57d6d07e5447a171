/**
 * Leads for practitioners: `npm run leads -- list | show <id> | export --csv | purge`.
 * Reads DATA_DIR (and the rest) through src/config; prints to stdout.
 */
import { parseConfig } from '../src/config/config';
import { checkDataFiles } from '../src/storage/preflight';
import { StartupError } from '../src/app/startup-error';
import { SlotFormatter } from '../src/booking/slots';
import { renderBriefMarkdown } from '../src/leads/brief';
import { LeadService } from '../src/leads/service';
import { openBackend } from '../src/app/backend';

const USAGE = `Usage: npm run leads -- <command>

  list            one line a lead: id, created, organisation, pathway, tier, booking (London),
                  and whether a practitioner marked it contacted (from the Teams brief card)
  show <id>       the practitioner's brief for a lead, as Markdown
  export --csv    all leads as CSV on stdout
  purge           erase leads older than RETENTION_DAYS, with their bookings, consents and briefs,
                  and conversations idle for as long
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(USAGE);
    return;
  }
  if (!['list', 'show', 'export', 'purge'].includes(command)) fail(`Unknown command "${command}".`);
  if (command === 'show' && rest.length !== 1) fail('show needs exactly one lead id.');
  if (command === 'export' && (rest.length !== 1 || rest[0] !== '--csv')) fail('export needs --csv (the only format).');
  if ((command === 'list' || command === 'purge') && rest.length > 0) fail(`${command} takes no arguments.`);

  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    process.stderr.write(`${parsed.error.message}\n`);
    process.exit(1);
  }
  const { config } = parsed;
  if (!config.database.url) {
    try {
      checkDataFiles(config.dataDir, ['records.sqlite', 'conversations.sqlite', 'teams.sqlite', 'outbox.sqlite']);
    } catch (error) {
      if (!(error instanceof StartupError)) throw error;
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
  }
  const backend = await openBackend(config);
  const service = new LeadService({
    config,
    records: backend.records,
    // One unreadable lead row must not hide the others: say which, on stderr, and go on.
    onUnreadable: (row) => process.stderr.write(`Warning: lead ${row.id} could not be read and was skipped (${row.problem}).\n`),
  });
  try {
    switch (command) {
      case 'list': {
        const leads = await service.listLeads();
        if (leads.length === 0) process.stdout.write('No leads.\n');
        const contacted = await backend.teams.contactMarks();
        const when = new SlotFormatter(config.booking.timeZone);
        const lines: string[] = [];
        for (const l of leads) {
          const booking = l.booking ? `${when.format(l.booking)} ${l.booking.status}` : 'not booked';
          const mark = contacted.get(l.id);
          const contact = mark ? `contacted ${mark.contactedAt.slice(0, 10)} by ${mark.byName}` : 'not contacted';
          lines.push(`${[l.id, l.createdAt.slice(0, 10), l.organisation, l.pathway ?? '-', l.tier ?? '-', booking, contact].join('\t')}\n`);
        }
        process.stdout.write(lines.join(''));
        return;
      }
      case 'show': {
        const brief = await service.brief(rest[0]).catch((error: Error) => error);
        if (brief instanceof Error) {
          process.stderr.write(`Lead ${rest[0]} could not be read (${brief.message.split('\n')[0]}). Other leads: npm run leads -- list\n`);
          process.exitCode = 1;
          return;
        }
        if (brief) {
          process.stdout.write(renderBriefMarkdown(brief));
          return;
        }
        if (!(await service.lead(rest[0]))) {
          process.stderr.write(`No lead with id "${rest[0]}". Try: npm run leads -- list\n`);
          process.exitCode = 1;
          return;
        }
        process.stdout.write(`Lead ${rest[0]} has not booked a call yet, so there is no brief.\n`);
        return;
      }
      case 'export':
        process.stdout.write(await service.exportCsv());
        return;
      case 'purge': {
        const now = new Date();
        const counts = await service.purge({ now });
        const conversations = await backend.storage.purgeOlderThan(new Date(now.getTime() - config.privacy.retentionDays * 86_400_000));
        process.stdout.write(
          `Purged leads older than ${config.privacy.retentionDays} days: ${counts.leads} leads, ${counts.consents} consent records, ${counts.bookings} bookings, ${counts.briefs} briefs, ${conversations} idle conversations.\n`,
        );
        return;
      }
    }
  } finally {
    await backend.close();
  }
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
