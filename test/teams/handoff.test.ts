import { assess } from '../../src/scoping/recommendation';
import { ANSWERS } from '../booking/fixtures';
import { cardOf, NOW, PRACTITIONER, startTeams, TEAM_CHANNEL_ID, texts, type TeamsHarness } from './harness';

/**
 * "Talk to a person", as transcripts: in office hours with the practitioners'
 * channel registered the request is posted there (a lead's brief, or before
 * consent only the answers so far) and the visitor is told what happens next;
 * out of hours or with no channel, the call and the email address are offered.
 */

const SATURDAY = new Date('2026-12-05T11:00:00.000Z');
const personal = /\bAda\b|Lovelace|ada@example\.org|7946|Analytical Engines|aad-ada/;

let h: TeamsHarness;
beforeEach(async () => {
  h = await startTeams({ CONTACT_EMAIL: 'scoping@firm.example' });
});
afterEach(async () => {
  await h.close();
});

const register = () => h.channel(PRACTITIONER).say('register briefs here', { mention: true });

it('before consent, in office hours: the channel gets the answers so far and nothing that identifies the visitor', async () => {
  await register();
  const ada = h.personal();
  await ada.click({ action: 'start' });
  await ada.click({ question: 'ai_use', answer: 'active' });
  await ada.say('how much does it cost?');
  const replies = await ada.say('can I talk to a person please');
  expect(texts(replies)).toContain("I've let our practitioners know you'd like to talk");
  expect(texts(replies)).toContain('They work Monday to Friday, 09:00 to 17:00 (UK time)');
  expect(texts(replies)).toContain('write to scoping@firm.example');

  expect(h.proactive.posts).toHaveLength(1);
  const { reference, activity } = h.proactive.posts[0];
  expect(reference.conversation!.id).toBe(TEAM_CHANNEL_ID);
  const card = JSON.stringify(cardOf(activity));
  expect(card).toContain('Talk to a person: a visitor is asking');
  expect(card).toContain('Via Microsoft Teams, at Mon 30 Nov, 10:15 (London)');
  expect(card).toContain('AI in production');
  expect(card).toContain('What it costs (faq.cost)');
  expect(card).toContain('No consent yet, so no contact details');
  expect(card).not.toMatch(personal);
});

it("a lead's request carries the brief, and the visitor is told a practitioner will write to them", async () => {
  await register();
  const ada = h.personal();
  // Ada consents and books (the booking flow is specified elsewhere); her conversation now holds her lead.
  await ada.click({ action: 'book' });
  await ada.click({ question: 'disclaimer', answer: 'accept' });
  const slots = await ada.click({ question: 'contact', name: 'Ada Lovelace', email: 'ada@example.org', organisation: 'Analytical Engines Ltd', role: 'CTO', phone: '', consent: true });
  expect(texts(slots)).not.toBe('');
  h.proactive.posts.length = 0;
  const replies = await ada.say('talk to a human');
  expect(texts(replies)).toContain('will get back to you at ada@example.org');
  expect(h.proactive.posts).toHaveLength(1);
  const card = JSON.stringify(cardOf(h.proactive.posts[0].activity));
  expect(card).toContain('Pre-call brief: Analytical Engines Ltd');
  expect(card).toContain('ada@example.org');
  expect(card).toContain('They consented');
});

it('out of office hours: nothing is posted; the call and the email address are offered', async () => {
  await register();
  h.clock.now = SATURDAY;
  const replies = await h.personal().say('I want to speak to someone');
  expect(texts(replies)).toContain('nobody can pick this chat up right now');
  expect(texts(replies)).toContain('scoping call; or write to scoping@firm.example');
  expect(replies.some((r) => JSON.stringify(r.suggestedActions ?? r.attachments ?? '').includes('Book'))).toBe(true);
  expect(h.proactive.posts).toHaveLength(0);
});

it('with no practitioners\' channel registered: the same offer, nothing posted', async () => {
  const replies = await h.personal().say('talk to a person');
  expect(texts(replies)).toContain('write to scoping@firm.example');
  expect(h.proactive.posts).toHaveLength(0);
});

it('a website visitor is handed off the same way once a channel is registered', async () => {
  expect(await h.teams.handoff.request({ channelId: 'directline', leadId: null, answers: { ai_use: 'exploring' }, faqAsked: [] })).toEqual({ kind: 'unavailable', reason: 'no-channel' });
  await register();
  expect(await h.teams.handoff.request({ channelId: 'directline', leadId: null, answers: { ai_use: 'exploring' }, faqAsked: [] })).toEqual({ kind: 'posted', withContact: false });
  expect(JSON.stringify(cardOf(h.proactive.posts[0].activity))).toContain('Via the website');
  const { leadId } = await h.services.turn.leads.registerLead({
    conversationId: 'dl-1',
    channelId: 'directline',
    contact: { name: 'Ada Lovelace', email: 'ada@example.org', organisation: 'Analytical Engines Ltd' },
    consent: { givenAt: NOW, noticeVersion: '2026-01' },
    answers: ANSWERS,
    assessment: assess(ANSWERS),
  });
  expect(await h.teams.handoff.request({ channelId: 'directline', leadId, answers: ANSWERS, faqAsked: [] })).toEqual({ kind: 'posted', withContact: true });
});
