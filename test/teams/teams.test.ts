import { CloudAdapter } from 'botbuilder';
import { assess } from '../../src/scoping/recommendation';
import { createTeamsChannel } from '../../src/channels/teams';
import { ANSWERS } from '../booking/fixtures';
import { cardOf, NOW, OUTSIDER, PRACTITIONER, ProactiveStandIn, rawLogger, startTeams, TEAM_CHANNEL_ID, texts, USER, type TeamsHarness } from './harness';

/** Teams behaviour, as transcripts: the user's side in a personal chat and a channel, then the practitioners' side. */

const WEDNESDAY_0900 = 'slot-20261202T0900Z';

let h: TeamsHarness;
beforeEach(async () => {
  h = await startTeams();
});
afterEach(async () => {
  await h.close();
});

async function bookAda(): Promise<string> {
  const { booking, leads } = h.services.turn;
  const { leadId } = await leads.registerLead({
    conversationId: 'msteams:a:personal',
    channelId: 'msteams',
    contact: { name: 'Ada Lovelace', email: 'ada@example.org', organisation: 'Analytical Engines Ltd', role: 'CTO', phone: '+44 20 7946 0000' },
    consent: { givenAt: NOW, noticeVersion: '2026-01' },
    answers: ANSWERS,
    assessment: assess(ANSWERS),
  });
  const result = await booking.confirm({ leadId, slotId: WEDNESDAY_0900, now: NOW });
  expect(result.ok).toBe(true);
  return leadId;
}

const submitActions = (card: Record<string, any> | undefined) => (card?.actions ?? []).filter((a: any) => a.type === 'Action.Submit');
const personalData = /ada@example\.org|7946|Ada Lovelace|Analytical Engines/;

describe('a user in Teams', () => {
  it('in a personal chat: a question card with object submit data, at card version 1.4, with suggested actions', async () => {
    const chat = h.personal();
    const replies = await chat.say('start');
    const question = replies.find((r) => (r.value as any)?.question === 'ai_use')!;
    expect(question).toBeDefined();
    const card = cardOf(question)!;
    expect(card.version).toBe('1.4');
    for (const action of submitActions(card)) expect(typeof action.data).toBe('object');
    expect(question.suggestedActions?.actions.length).toBeGreaterThan(0);
  });

  it('in a channel: ignores messages that do not mention the bot', async () => {
    const chat = h.channel(OUTSIDER);
    expect(await chat.say('start')).toEqual([]);
  });

  it('in a channel: answers when mentioned, reads the message without the mention, and sends no suggested actions', async () => {
    const chat = h.channel(OUTSIDER);
    const replies = await chat.say('start', { mention: true });
    const question = replies.find((r) => (r.value as any)?.question === 'ai_use');
    expect(question).toBeDefined();
    expect(question!.suggestedActions).toBeUndefined();
    expect(texts(replies)).not.toMatch(/<at>/);
  });

  it('a card click as Teams sends it (value, no text, replyToId) answers, and the answered card is replaced by the answer', async () => {
    const chat = h.personal();
    const first = (await chat.say('start')).find((r) => (r.value as any)?.question === 'ai_use')!;
    const replies = await chat.click({ question: 'ai_use', answer: 'active' }, first.id);
    expect(replies.some((r) => (r.value as any)?.question === 'certification')).toBe(true);
    expect(chat.adapter.updates).toHaveLength(1);
    const updated = chat.adapter.updates[0];
    expect(updated.id).toBe(first.id);
    const card = cardOf(updated)!;
    expect(card.actions ?? []).toEqual([]);
    expect(JSON.stringify(card.body)).toMatch(/✓/);
  });

  it('Teams wraps some submit data with an msteams property: it is ignored', async () => {
    const chat = h.personal();
    const first = (await chat.say('start')).find((r) => (r.value as any)?.question === 'ai_use')!;
    const replies = await chat.click({ question: 'ai_use', answer: 'active', msteams: { type: 'messageBack' } }, first.id);
    expect(replies.some((r) => (r.value as any)?.question === 'certification')).toBe(true);
  });

  it('a stale click on an old card (whose update did not arrive) gets a gentle note and changes nothing', async () => {
    const chat = h.personal();
    const first = (await chat.say('start')).find((r) => (r.value as any)?.question === 'ai_use')!;
    await chat.click({ question: 'ai_use', answer: 'active' }, first.id);
    const again = await chat.click({ question: 'ai_use', answer: 'none' }, first.id);
    expect(texts(again)).toMatch(/already moved past/);
    expect(again.some((r) => (r.value as any)?.question === 'certification')).toBe(true);
    expect(chat.adapter.updates).toHaveLength(1); // only the first, accepted answer rewrote a card
  });

  it('the contact form is prefilled with the Teams name and email, and nothing is stored before consent', async () => {
    h.roster.set(USER.id, { name: 'Ada Lovelace', email: 'ada@example.org', userPrincipalName: 'ada@example.org', aadObjectId: USER.aadObjectId });
    const chat = h.personal();
    await chat.click({ action: 'book' });
    const replies = await chat.click({ question: 'disclaimer', answer: 'accept' });
    const form = replies.find((r) => (r.value as any)?.question === 'contact')!;
    const inputs = Object.fromEntries(cardOf(form)!.body.filter((e: any) => e.type === 'Input.Text').map((e: any) => [e.id, e.value]));
    expect(inputs).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.org', organisation: '' });
    const key = `conversation/msteams/${encodeURIComponent(`a:personal-${USER.id}`)}`;
    const stored = JSON.stringify(await h.services.storage.read([key]));
    expect(stored).toMatch(/"contact"/); // the snapshot is there, in the contact step…
    expect(stored).not.toMatch(/ada@example\.org|Ada Lovelace/); // …without the prefill
    expect((await h.services.turn.leads.listLeads())).toEqual([]);
  });
});

describe('the practitioners\' channel', () => {
  it('an allow-listed practitioner registers the channel; the reference points at the channel, not the thread', async () => {
    const replies = await h.channel(PRACTITIONER).say('register briefs here', { mention: true });
    expect(texts(replies)).toMatch(/briefs for new bookings will be posted in this channel/);
    const reference = (await h.teams.store.destination())!;
    expect(reference.conversation!.id).toBe(TEAM_CHANNEL_ID);
    expect(reference.serviceUrl).toBe('https://smba.trafficmanager.net/uk/');
  });

  it('someone not on the allow-list is refused and nothing is registered', async () => {
    const replies = await h.channel(OUTSIDER).say('register briefs here', { mention: true });
    expect(texts(replies)).toMatch(/only practitioners on the allow-list/);
    expect((await h.teams.store.destination())).toBeNull();
  });

  it('the allow-list also takes UPNs, checked through the Teams roster', async () => {
    const lead = { id: '29:lead', name: 'Lee Lead', aadObjectId: 'aad-lee' };
    h.roster.set(lead.id, { name: 'Lee Lead', userPrincipalName: 'Lead@Firm.example', aadObjectId: 'aad-lee' });
    const replies = await h.channel(lead).say('register briefs here', { mention: true });
    expect(texts(replies)).toMatch(/will be posted in this channel/);
  });

  it('in a personal chat the command explains it belongs in a channel', async () => {
    const replies = await h.personal(PRACTITIONER).say('register briefs here');
    expect(texts(replies)).toMatch(/team channel/);
    expect((await h.teams.store.destination())).toBeNull();
  });

  it('each new booking posts the brief card proactively: contact, tier, pathway, reasons, time, agenda, and the two buttons', async () => {
    await h.channel(PRACTITIONER).say('register briefs here', { mention: true });
    const leadId = await bookAda();
    expect(await h.teams.pendingBriefs()).toBe(1);
    expect(await h.teams.flush()).toMatchObject({ posted: 1, failed: 0 });
    expect(await h.teams.pendingBriefs()).toBe(0);
    expect(h.proactive.posts).toHaveLength(1);
    const { reference, activity, appId } = h.proactive.posts[0];
    expect(appId).toBe('');
    expect(reference.conversation!.id).toBe(TEAM_CHANNEL_ID);
    const card = cardOf(activity)!;
    expect(card.version).toBe('1.4');
    const all = JSON.stringify(card);
    for (const expected of ['Ada Lovelace', 'ada@example.org', 'Analytical Engines Ltd', 'Wed 2 Dec, 09:00–09:30']) expect(all).toContain(expected);
    const facts = Object.fromEntries(card.body.filter((e: any) => e.type === 'FactSet').flatMap((f: any) => f.facts.map((x: any) => [x.title, x.value])));
    expect(Object.keys(facts)).toEqual(expect.arrayContaining(['Tier', 'Pathway']));
    expect(card.actions.map((a: any) => a.type)).toEqual(['Action.Submit', 'Action.ShowCard']);
    expect(card.actions[0].data).toEqual({ action: 'lead.contacted', leadId });
    expect(JSON.stringify(card.actions[1].card)).toMatch(/min\)/); // the agenda, behind "full brief"
  });

  it('a failed post keeps the brief and retries with backoff; the failure is logged by id without personal data', async () => {
    await h.channel(PRACTITIONER).say('register briefs here', { mention: true });
    const leadId = await bookAda();
    h.proactive.failures = 1;
    expect(await h.teams.flush()).toMatchObject({ posted: 0, failed: 1 });
    expect(await h.teams.pendingBriefs()).toBe(1);
    const warning = h.logs.find((l) => l.message.startsWith('teams brief not posted'))!;
    expect(warning.fields).toMatchObject({ leadId, attempts: 1, failure: 'http-404 ConversationNotFound Error' });
    expect(JSON.stringify(h.logs)).not.toMatch(personalData);

    expect(await h.teams.flush()).toMatchObject({ posted: 0, failed: 0 }); // not due yet: no hammering
    h.clock.now = new Date(NOW.getTime() + 31_000);
    expect(await h.teams.flush()).toMatchObject({ posted: 1 });
    expect(await h.teams.pendingBriefs()).toBe(0);
    expect(h.proactive.posts).toHaveLength(1);
  });

  it('two server processes sharing the data folder post each brief once', async () => {
    await h.channel(PRACTITIONER).say('register briefs here', { mention: true });
    const otherProactive = new ProactiveStandIn();
    const other = createTeamsChannel({
      config: h.services.turn.config,
      adapter: otherProactive,
      booking: h.services.turn.booking,
      leads: h.services.turn.leads,
      logger: rawLogger([]),
      dataDir: h.services.turn.config.dataDir,
      clock: () => h.clock.now,
    });
    await bookAda();
    const results = await Promise.all([h.teams.flush(), other.flush()]);
    expect(results.map((r) => r.posted).sort()).toEqual([0, 1]);
    expect(h.proactive.posts.length + otherProactive.posts.length).toBe(1);
    await other.stop();
  });

  it('briefs booked before any channel is registered wait in the outbox and go out once one is', async () => {
    await bookAda();
    expect(await h.teams.flush()).toMatchObject({ posted: 0, waiting: 1 });
    await h.channel(PRACTITIONER).say('register briefs here', { mention: true });
    h.clock.now = new Date(NOW.getTime() + 31_000);
    expect(await h.teams.flush()).toMatchObject({ posted: 1 });
  });

  it('a brief whose lead was erased before posting goes with the erasure, not posted', async () => {
    await h.channel(PRACTITIONER).say('register briefs here', { mention: true });
    const leadId = await bookAda();
    expect(await h.teams.pendingBriefs()).toBe(1);
    await h.services.turn.leads.deleteLead(leadId);
    expect(await h.teams.pendingBriefs()).toBe(0); // deleted in the erase's transaction (src/app/erasure.ts)
    expect(await h.teams.flush()).toMatchObject({ posted: 0 });
    expect(h.proactive.posts).toHaveLength(0);
  });

  it('"mark contacted" in the channel updates the brief card: the button becomes who and when', async () => {
    const channel = h.channel(PRACTITIONER);
    await channel.say('register briefs here', { mention: true });
    const leadId = await bookAda();
    await h.teams.flush();
    const replies = await channel.click({ action: 'lead.contacted', leadId }, 'brief-post-1');
    expect(replies).toEqual([]);
    expect(channel.adapter.updates).toHaveLength(1);
    const card = cardOf(channel.adapter.updates[0])!;
    expect(channel.adapter.updates[0].id).toBe('brief-post-1');
    expect(card.actions.map((a: any) => a.type)).toEqual(['Action.ShowCard']);
    expect(JSON.stringify(card.body)).toMatch(/Marked contacted by Pat Practitioner/);
    expect((await h.teams.store.contactOf(leadId))).toMatchObject({ contactedBy: 'aad-pat' });
  });

  it('"stop briefs here" unregisters the channel; new briefs wait', async () => {
    const channel = h.channel(PRACTITIONER);
    await channel.say('register briefs here', { mention: true });
    const replies = await channel.say('stop briefs here', { mention: true });
    expect(texts(replies)).toMatch(/no longer be posted/);
    await bookAda();
    expect(await h.teams.flush()).toMatchObject({ posted: 0, waiting: 1 });
  });
});

describe('posting through the real CloudAdapter with no app id (local mode)', () => {
  it('continueConversationAsync("") sends the brief to the reference\'s serviceUrl unauthenticated', async () => {
    const http = await import('node:http');
    const received: { url: string; auth: string | undefined; body: any }[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ url: req.url ?? '', auth: req.headers.authorization, body: JSON.parse(body || '{}') });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'posted-1' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.address() as { port: number }).port;
    try {
      const { createAdapter } = await import('../../src/server/app');
      const { testConfig } = await import('../../src/config/config');
      const adapter: CloudAdapter = createAdapter(testConfig(), rawSilent());
      const reference = { channelId: 'msteams', serviceUrl: `http://127.0.0.1:${port}/`, conversation: { id: TEAM_CHANNEL_ID }, bot: { id: '28:bot', name: 'bot' } };
      const { BriefOutbox } = await import('../../src/channels/teams/outbox');
      await h.teams.store.setDestination(reference as never, 'aad-pat', NOW);
      const { SqliteOutbox } = await import('../../src/outbox/sqlite');
      const outbox = new BriefOutbox(new SqliteOutbox(SqliteOutbox.fileIn(h.services.turn.config.dataDir)), h.teams.store, h.services.turn.leads, adapter, '', rawSilent(), () => NOW);
      await bookAda(); // queued by the channel's booking listener, posted here through the real adapter
      expect(await outbox.flush()).toMatchObject({ posted: 1 });
      expect(received).toHaveLength(1);
      expect(received[0].url).toBe(`/v3/conversations/${encodeURIComponent(TEAM_CHANNEL_ID)}/activities`);
      expect(received[0].auth).toBeUndefined();
      expect(received[0].body.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(received[0].body.replyToId).toBeUndefined();
    } finally {
      server.close();
    }
  });
});

function rawSilent() {
  return { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
}
