import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { SqliteTeamsStore } from '../../src/channels/teams/store';
import { NOW, openService, registerAda, tempDataDir, WEDNESDAY_0900 } from './fixtures';

/** `npm run leads`, spawned against a temp data folder. */
const root = path.resolve(__dirname, '../..');
const leads = (dataDir: string, ...args: string[]) =>
  spawnSync('npx', ['tsx', 'scripts/leads.ts', ...args], { cwd: root, env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, encoding: 'utf8' });

let dataDir: string;
let leadId: string;
beforeAll(async () => {
  dataDir = tempDataDir();
  const service = await openService(dataDir);
  leadId = await registerAda(service, { email: 'ada@example.org' });
  expect((await service.booking.confirm({ leadId, slotId: WEDNESDAY_0900, now: NOW })).ok).toBe(true);
  service.close();
});

it('list: one line a lead, with the booking in London time', async () => {
  const run = leads(dataDir, 'list');
  expect(run.status).toBe(0);
  expect(run.stdout).toBe(`${leadId}\t2026-11-30\tAnalytical Engines Ltd\t42001-first\thot\tWed 2 Dec, 09:00–09:30 confirmed\tnot contacted\n`);
  expect(run.stdout).not.toContain('ada@example.org');
}, 60_000);

it('list shows who marked a lead contacted from the Teams brief card', async () => {
  const teams = new SqliteTeamsStore(SqliteTeamsStore.fileIn(dataDir));
  await teams.markContacted({ leadId, contactedBy: 'aad-pat', byName: 'Pat Practitioner', contactedAt: '2026-12-01T09:00:00.000Z' });
  await teams.close();
  const run = leads(dataDir, 'list');
  expect(run.stdout).toContain('\tcontacted 2026-12-01 by Pat Practitioner\n');
}, 60_000);

it('show <id>: the Markdown brief', async () => {
  const run = leads(dataDir, 'show', leadId);
  expect(run.status).toBe(0);
  expect(run.stdout).toContain('# Pre-call brief: Analytical Engines Ltd');
  expect(run.stdout).toContain('Wed 2 Dec, 09:00–09:30');
}, 60_000);

it('show with an unknown id, and a bad command, are clear errors', async () => {
  const unknown = leads(dataDir, 'show', 'lead-nobody');
  expect(unknown.status).toBe(1);
  expect(unknown.stderr).toContain('No lead with id "lead-nobody"');
  const bad = leads(dataDir, 'frobnicate');
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain('Unknown command "frobnicate"');
  expect(bad.stderr).toContain('Usage: npm run leads');
  expect(leads(dataDir, 'export').stderr).toContain('export needs --csv');
}, 60_000);

it('export --csv and purge', async () => {
  const csv = leads(dataDir, 'export', '--csv');
  expect(csv.status).toBe(0);
  expect(csv.stdout.split('\r\n')[1]).toContain('"Ada Lovelace","ada@example.org"');
  const purge = leads(dataDir, 'purge'); // real clock; the lead is from 2026-11-30 and retention is 365 days
  expect(purge.status).toBe(0);
  expect(purge.stdout).toMatch(/^Purged leads older than 365 days: \d+ leads/);
}, 60_000);
