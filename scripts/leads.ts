/**
 * Leads for practitioners: `npm run leads -- list | show <id> | export --csv | purge`.
 * Reads DATA_DIR (and the rest) through src/config; prints to stdout.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../src/config/config';
import { SqliteStorage } from '../src/storage/sqlite-storage';
import { checkDataFiles } from '../src/storage/preflight';
import { StartupError } from '../src/app/startup-error';
import { TeamsStore, type ContactMark } from '../src/channels/teams/store';
import { readBankHolidays } from '../src/booking/bank-holidays';
import { BookingService } from '../src/booking/service';
import { formatSlot } from '../src/booking/slots';
import { renderBriefMarkdown } from '../src/leads/brief';

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

function main(argv: string[]): void {
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
  try {
    checkDataFiles(config.dataDir, ['records.sqlite', 'conversations.sqlite', 'teams.sqlite']);
  } catch (error) {
    if (!(error instanceof StartupError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const service = new BookingService({ config, holidays: readBankHolidays().dates });
  try {
    switch (command) {
      case 'list': {
        const leads = service.listLeads(skipped);
        if (leads.length === 0) process.stdout.write('No leads.\n');
        const contacted = contactMarks(config.dataDir);
        for (const l of leads) {
          const booking = l.booking ? `${formatSlot(l.booking, config.booking.timeZone)} ${l.booking.status}` : 'not booked';
          const mark = contacted(l.id);
          const contact = mark ? `contacted ${mark.contactedAt.slice(0, 10)} by ${mark.byName}` : 'not contacted';
          process.stdout.write(`${[l.id, l.createdAt.slice(0, 10), l.organisation, l.pathway ?? '-', l.tier ?? '-', booking, contact].join('\t')}\n`);
        }
        contacted.close();
        return;
      }
      case 'show': {
        const readable = readLead(() => service.brief(rest[0]) ?? service.lead(rest[0]));
        if (!readable.ok) {
          process.stderr.write(`Lead ${rest[0]} could not be read (${readable.reason}). Other leads: npm run leads -- list\n`);
          process.exitCode = 1;
          return;
        }
        const brief = service.brief(rest[0]);
        if (brief) {
          process.stdout.write(renderBriefMarkdown(brief));
          return;
        }
        if (!service.lead(rest[0])) {
          process.stderr.write(`No lead with id "${rest[0]}". Try: npm run leads -- list\n`);
          process.exitCode = 1;
          return;
        }
        process.stdout.write(`Lead ${rest[0]} has not booked a call yet, so there is no brief.\n`);
        return;
      }
      case 'export':
        process.stdout.write(service.exportCsv(skipped));
        return;
      case 'purge': {
        const now = new Date();
        const counts = service.purge({ now });
        const conversations = purgeConversations(config.dataDir, new Date(now.getTime() - config.privacy.retentionDays * 86_400_000));
        process.stdout.write(
          `Purged leads older than ${config.privacy.retentionDays} days: ${counts.leads} leads, ${counts.consents} consent records, ${counts.bookings} bookings, ${counts.briefs} briefs, ${conversations} idle conversations.\n`,
        );
        return;
      }
    }
  } finally {
    service.close();
  }
}

function readLead(read: () => unknown): { ok: true } | { ok: false; reason: string } {
  try {
    read();
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: (error as Error).message.split('\n')[0] };
  }
}

/** One unreadable lead row must not hide the others: say which, on stderr, and go on. */
function skipped(leadId: string, reason: string): void {
  process.stderr.write(`Warning: lead ${leadId} could not be read and was skipped (${reason}).\n`);
}

/** Who marked a lead contacted from the Teams brief card, when Teams is in use. */
function contactMarks(dataDir: string): ((leadId: string) => ContactMark | null) & { close(): void } {
  const file = TeamsStore.fileIn(dataDir);
  const store = fs.existsSync(file) ? new TeamsStore(file) : null;
  return Object.assign((leadId: string) => store?.contactOf(leadId) ?? null, { close: () => store?.close() });
}

/** Conversations untouched for the retention period go too (their state may hold contact details). */
function purgeConversations(dataDir: string, cutoff: Date): number {
  const file = path.join(dataDir, 'conversations.sqlite');
  if (!fs.existsSync(file)) return 0;
  const storage = new SqliteStorage(file);
  try {
    return storage.purgeOlderThan(cutoff);
  } finally {
    storage.close();
  }
}

main(process.argv.slice(2));
