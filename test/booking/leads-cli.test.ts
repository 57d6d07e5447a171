import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { openBackend } from '../../src/app/backend';
import { testConfig } from '../../src/config/config';
import { BACKENDS } from '../support/backends';
import { NOW, openService, registerAda, WEDNESDAY_0900 } from './fixtures';

/** `npm run leads`, spawned against a fresh store of each backend. */
const root = path.resolve(__dirname, '../..');

for (const backend of BACKENDS) describe(`npm run leads on ${backend.name}`, () => {
let env: Record<string, string>;
const leads = (_env: Record<string, string>, ...args: string[]) =>
  spawnSync('npx', ['tsx', 'scripts/leads.ts', ...args], { cwd: root, env: { ...process.env, DATABASE_URL: '', ...env, LOG_LEVEL: 'silent' }, encoding: 'utf8' });
let leadId: string;
beforeAll(async () => {
  env = await backend.freshEnv();
  const service = await openService(env.DATA_DIR, env);
  leadId = await registerAda(service);
  expect((await service.booking.confirm({ leadId, slotId: WEDNESDAY_0900, now: NOW })).ok).toBe(true);
  await service.close();
});

it('list: one line a lead, with the booking in London time', async () => {
  const run = leads(env, 'list');
  expect(run.status).toBe(0);
  expect(run.stdout).toBe(`${leadId}\t2026-11-30\tAnalytical Engines Ltd\t42001-first\thot\tWed 2 Dec, 09:00–09:30 confirmed\tnot contacted\n`);
  expect(run.stdout).not.toContain('ada@example.org');
}, 60_000);

it('list shows who marked a lead contacted from the Teams brief card', async () => {
  const opened = await openBackend(testConfig(env));
  await opened.teams.markContacted({ leadId, contactedBy: 'aad-pat', byName: 'Pat Practitioner', contactedAt: '2026-12-01T09:00:00.000Z' });
  await opened.close();
  const run = leads(env, 'list');
  expect(run.stdout).toContain('\tcontacted 2026-12-01 by Pat Practitioner\n');
}, 60_000);

it('show <id>: the Markdown brief', async () => {
  const run = leads(env, 'show', leadId);
  expect(run.status).toBe(0);
  expect(run.stdout).toContain('# Pre-call brief: Analytical Engines Ltd');
  expect(run.stdout).toContain('Wed 2 Dec, 09:00–09:30');
}, 60_000);

it('show with an unknown id, and a bad command, are clear errors', async () => {
  const unknown = leads(env, 'show', 'lead-nobody');
  expect(unknown.status).toBe(1);
  expect(unknown.stderr).toContain('No lead with id "lead-nobody"');
  const bad = leads(env, 'frobnicate');
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain('Unknown command "frobnicate"');
  expect(bad.stderr).toContain('Usage: npm run leads');
  expect(leads(env, 'export').stderr).toContain('export needs --csv');
}, 60_000);

it('export --csv and purge', async () => {
  const csv = leads(env, 'export', '--csv');
  expect(csv.status).toBe(0);
  expect(csv.stdout.split('\r\n')[1]).toContain('"Ada Lovelace","ada@example.org"');
  const purge = leads(env, 'purge'); // real clock; the lead is from 2026-11-30 and retention is 365 days
  expect(purge.status).toBe(0);
  expect(purge.stdout).toMatch(/^Purged leads older than 365 days: \d+ leads/);
}, 60_000);
});
