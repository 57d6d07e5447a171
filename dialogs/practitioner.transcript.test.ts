import { renderBriefMarkdown } from '../src/leads/brief';
import { lastValue, startChat, textOf, type Chat } from '../test/support/chat';

/**
 * What the practitioner gets from a conversation, as transcripts: the brief
 * follows what the visitor did (booked first, asked questions, their zone),
 * and the visitor's confirmation says where the call will start.
 */

const CONTACT = { question: 'contact', name: 'Ada Lovelace', email: 'ada@example-trust.nhs.uk', organisation: 'Example NHS Trust', consent: 'true' };

let chat: Chat;
afterEach(() => chat.close());

async function book(c: Chat) {
  await c.say('can I just book a call?');
  await c.click({ question: 'disclaimer', answer: 'accept' });
  await c.click(CONTACT);
  await c.say('1');
  return c.say('yes');
}

it('booked before answering: the confirmation says the call starts with the questions, and the brief opens its agenda with them', async () => {
  chat = await startChat({ now: '2026-12-01T10:00:00.000Z', localTimezone: 'America/New_York' });
  await chat.say('what does it cost?');
  const replies = await book(chat);
  expect(lastValue(replies)!.booking.status).toBe('confirmed');
  expect(textOf(replies)).toMatch(/You have not answered the scoping questions yet, so the call with a QL Security practitioner will start with them \(AI use, ISO 27001 certification, /);
  expect(textOf(replies)).not.toMatch(/review your answers/);

  const [lead] = await chat.services.turn.leads.listLeads();
  const md = renderBriefMarkdown((await chat.services.turn.leads.brief(lead.id))!);
  expect(md).toContain('## Not answered yet: the call starts here\n- AI use\n- ISO 27001 certification\n');
  expect(md).toMatch(/## Suggested agenda \(30 minutes\)\n1\. The scoping questions not yet answered: AI use, ISO 27001 certification, .* \(15 min\)/);
  expect(md).not.toMatch(/## Answers\n\n/); // no empty section
  expect(md).toContain('- What it costs (faq.cost)');
  expect(md).toContain('- **Their time zone:** America/New\\_York');
  expect(md).toContain('- **Their time:** Wed 2 Dec, 05:00–05:30 (America/New\\_York)');
});

it('answered first: the confirmation promises a review of the answers, and the brief shows them as labels', async () => {
  chat = await startChat({ now: '2026-12-01T10:00:00.000Z' });
  await chat.say('start');
  for (const [question, answer] of [
    ['ai_use', 'active'],
    ['certification', 'none'],
    ['infosec_maturity', 'weak'],
    ['ai_materiality', 'medium'],
    ['sector', 'other'],
    ['eu_exposure', 'no'],
    ['procurement', 'none'],
  ]) {
    await chat.click({ question, answer });
  }
  expect(textOf(await book(chat))).toMatch(/A QL Security practitioner will review your answers before the call/);
  const [lead] = await chat.services.turn.leads.listLeads();
  const md = renderBriefMarkdown((await chat.services.turn.leads.brief(lead.id))!);
  expect(md).toContain('- **AI use:** AI in production');
  expect(md).toMatch(/Timeline to ISO 42001:\*\* 6 to 9 months once ISO 27001 is in place/);
  expect(md).not.toContain('Not answered yet');
});

it('the same email returning in another conversation is one lead with two conversations (the CRM hears lead.updated)', async () => {
  chat = await startChat({ now: '2026-12-01T10:00:00.000Z', env: { LEADS_WEBHOOK_URL: 'http://127.0.0.1:9/unused', LEADS_WEBHOOK_SECRET: 'whsec_test_0123456789abcdef' } });
  await book(chat);
  const again = chat.other('conversation-two');
  await again.say('can I just book a call?');
  await again.click({ question: 'disclaimer', answer: 'accept' });
  await again.click({ ...CONTACT, name: 'Ada L.' });
  const leads = await chat.services.turn.leads.listLeads();
  expect(leads).toHaveLength(1);
  expect(leads[0]).toMatchObject({ name: 'Ada L.', conversations: 2 });
  const queued = await chat.services.backend.outbox.list('webhook', 10);
  expect(queued.map((m) => (m.payload as { type: string }).type)).toEqual(['lead.created', 'booking.confirmed', 'lead.updated']);
  expect(new Set(queued.map((m) => (m.payload as { leadId: string }).leadId))).toEqual(new Set([leads[0].id]));
});
