import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { openBackend } from '../../src/app/backend';
import { testConfig } from '../../src/config/config';
import { runLeadsCli } from '../../src/leads/cli/program';
import { assess } from '../../src/scoping/recommendation';
import { BACKENDS } from '../support/backends';
import { NOW, openService, registerAda, WEDNESDAY_0900, type Stores } from './fixtures';

/**
 * `npm run leads`: the commands run in-process against a fresh store of each
 * backend (the same program the script runs), and once as the spawned script.
 */

const root = path.resolve(__dirname, '../..');
const DAY = 86_400_000;

for (const backend of BACKENDS) describe(`npm run leads on ${backend.name}`, () => {
let env: Record<string, string>;
let ada: string;
let bob: string;
let cleo: string;

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runLeadsCli(argv, testConfig(env), { out: (t) => void (out += t), err: (t) => void (err += t), now: () => new Date(NOW.getTime() + DAY) });
  return { code, out, err };
}

beforeAll(async () => {
  env = await backend.freshEnv();
  // Bob came 20 days ago and never booked; Cleo 3 days ago, booked nothing, answered little; Ada today, booked, and came back.
  let now = new Date(NOW.getTime() - 20 * DAY);
  const stores: Stores = await openService(env.DATA_DIR, env, () => now);
  const nurture = { ai_use: 'none', certification: 'none', infosec_maturity: 'weak', sector: 'other', procurement: 'none' } as const;
  bob = (
    await stores.leads.registerLead({
      conversationId: 'conv-bob',
      channelId: 'msteams',
      contact: { name: 'Bob Babbage', email: 'bob@engines.example', organisation: 'Difference Ltd' },
      consent: { givenAt: now, noticeVersion: '2026-01' },
      answers: nurture,
      assessment: assess(nurture),
    })
  ).leadId;
  now = new Date(NOW.getTime() - 3 * DAY);
  cleo = (
    await stores.leads.registerLead({
      conversationId: 'conv-cleo',
      channelId: 'webchat',
      contact: { name: 'Cleo', email: 'cleo@example.net', organisation: 'Cleo & Co' },
      consent: { givenAt: now, noticeVersion: '2026-01' },
      answers: { ai_use: 'active' },
      assessment: null,
      notes: { faqAsked: ['faq.cost'], visitorTimeZone: 'America/New_York' },
    })
  ).leadId;
  now = NOW;
  ada = await registerAda(stores, { email: 'ada@example.org', conversationId: 'conv-ada-1' });
  expect((await stores.booking.confirm({ leadId: ada, slotId: WEDNESDAY_0900, now: NOW })).ok).toBe(true);
  // The same email returning, in a new conversation and in capitals: the same lead.
  expect(await registerAda(stores, { email: 'ADA@example.org', conversationId: 'conv-ada-2' })).toBe(ada);
  await stores.close();
});

describe('list', () => {
  it('a header, then every lead newest first with email and organisation, once each', async () => {
    const { code, out } = await cli('list');
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id\s+last seen\s+name\s+email\s+organisation\s+pathway\s+tier\s+booking \(London\)\s+contacted\s+chats$/);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(new RegExp(`^${ada}\\s+2026-11-30\\s+Ada Lovelace\\s+ADA@example.org\\s+Analytical Engines Ltd\\s+42001-first\\s+hot\\s+Wed 2 Dec, 09:00–09:30 confirmed\\s+no\\s+2$`));
    expect(lines[2]).toMatch(new RegExp(`^${cleo}\\s+2026-11-27\\s+Cleo\\s+cleo@example.net\\s+Cleo & Co\\s+-\\s+-\\s+not booked\\s+no\\s+1$`));
    expect(lines[3]).toContain(bob);
  });

  it('filters: --tier, --since, --booked and --not-booked, combined', async () => {
    const ids = async (...args: string[]) => ((JSON.parse((await cli('list', '--json', ...args)).out) as { id: string }[]).map((l) => l.id));
    expect(await ids('--tier', 'hot')).toEqual([ada]);
    expect(await ids('--tier', 'nurture')).toEqual([bob]);
    expect(await ids('--since', '7d')).toEqual([ada, cleo]);
    expect(await ids('--since', '2d')).toEqual([ada]);
    expect(await ids('--booked')).toEqual([ada]);
    expect(await ids('--not-booked')).toEqual([cleo, bob]);
    expect(await ids('--not-booked', '--since', '7d')).toEqual([cleo]);
  });

  it('--json gives every field a script needs', async () => {
    const [first] = JSON.parse((await cli('list', '--json')).out);
    expect(first).toMatchObject({ id: ada, email: 'ADA@example.org', organisation: 'Analytical Engines Ltd', tier: 'hot', conversations: 2, booking: { status: 'confirmed' }, contacted: null });
  });

  it('bad filters are clear errors with exit code 2', async () => {
    expect(await cli('list', '--tier', 'cold')).toMatchObject({ code: 2, err: expect.stringContaining('--tier is one of hot, warm, nurture') });
    expect(await cli('list', '--since', 'last tuesday')).toMatchObject({ code: 2, err: expect.stringContaining('--since takes a duration such as 7d') });
    expect(await cli('list', '--booked', '--not-booked')).toMatchObject({ code: 2, err: expect.stringContaining('cannot be used together') });
  });

  it('shows who marked a lead contacted from the Teams brief card', async () => {
    const opened = await openBackend(testConfig(env));
    await opened.teams.markContacted({ leadId: bob, contactedBy: 'aad-pat', byName: 'Pat Practitioner', contactedAt: '2026-12-01T09:00:00.000Z' });
    await opened.close();
    const { out } = await cli('list', '--tier', 'nurture');
    expect(out).toMatch(/2026-12-01 by Pat Practitioner\s+1\n$/);
  });
});

describe('show', () => {
  it('a booked lead: the Markdown brief', async () => {
    const { code, out } = await cli('show', ada);
    expect(code).toBe(0);
    expect(out).toContain('# Pre-call brief: Analytical Engines Ltd');
    expect(out).toContain('- **Time (London):** Wed 2 Dec, 09:00–09:30');
    expect(out).toContain('- **Conversations:** 2');
  });

  it('a lead that never booked has a brief too: what they answered, what is open, what they asked, their zone', async () => {
    const { code, out } = await cli('show', cleo);
    expect(code).toBe(0);
    expect(out).toContain('- **Status:** Not booked');
    expect(out).toContain('## Not answered yet: the call starts here');
    expect(out).toContain('- **AI use:** AI in production');
    expect(out).toContain('- What it costs (faq.cost)');
    expect(out).toContain('- **Their time zone:** America/New\\_York');
    expect(out).toMatch(/## Suggested agenda \(30 minutes\)\n1\. The scoping questions not yet answered: ISO 27001 certification, /);
  });

  it('an unknown id and an unknown command are clear errors', async () => {
    expect(await cli('show', 'lead-nobody')).toMatchObject({ code: 1, err: 'No lead with id "lead-nobody". Try: npm run leads -- list\n' });
    const bad = await cli('frobnicate');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("unknown command 'frobnicate'");
    expect((await cli('export')).err).toContain('export needs --csv');
    expect((await cli('show')).err).toContain("missing required argument 'id'");
  });
});

it('the script: export --csv and purge, as a practitioner runs them', () => {
  const run = (...args: string[]) =>
    spawnSync('npx', ['tsx', 'scripts/leads.ts', ...args], { cwd: root, env: { ...process.env, DATABASE_URL: '', ...env, LOG_LEVEL: 'silent' }, encoding: 'utf8' });
  const csv = run('export', '--csv');
  expect(csv.status).toBe(0);
  expect(csv.stdout).toContain('"Ada Lovelace","ADA@example.org"');
  const purge = run('purge'); // real clock; these leads are from 2026-11 and retention is 365 days
  expect(purge.status).toBe(0);
  expect(purge.stdout).toMatch(/^Purged leads older than 365 days: \d+ leads/);
}, 60_000);
});
