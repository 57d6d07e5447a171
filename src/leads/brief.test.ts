
import { NOW, openService, registerAda, tempDataDir, WEDNESDAY_0900, type Stores } from '../../test/booking/fixtures';
import { assess } from '../scoping/recommendation';
import { renderBriefCard, renderBriefMarkdown } from './brief';
import { practitionerName } from './practitioner-name';

/** The practitioner's brief for a booked, assessed lead (financial, EU exposure, AI procurement → 42001-first, hot). */

let service: Stores;
let leadId: string;
beforeEach(async () => {
  service = await openService(tempDataDir());
  leadId = await registerAda(service, { email: 'ada@example.org' });
  expect((await service.booking.confirm({ leadId, slotId: WEDNESDAY_0900, now: NOW })).ok).toBe(true);
});
afterEach(() => service.close());

it('Markdown: contact, London time, recommendation with reasons in words, regulators, agenda for the pathway', async () => {
  const md = renderBriefMarkdown((await service.leads.brief(leadId))!);
  expect(md).toContain('# Pre-call brief: Analytical Engines Ltd');
  expect(md).toContain('- **Time (London):** Wed 2 Dec, 09:00–09:30');
  expect(md).toContain('- **Email:** ada@example.org');
  expect(md).toContain('- **Pathway:** ISO 42001 first');
  expect(md).toContain('- **Tier:** Hot');
  expect(md).toContain('- **Urgency:** High');
  expect(md).toContain('- **Timeline to ISO 42001:** 12 to 15 months');
  expect(md).toContain('- AI is the more material risk');
  expect(md).toContain('- customers ask for AI governance evidence');
  expect(md).toContain('- **Regulators:** ICO, FCA');
  expect(md).toContain('EU AI Act:** Yes: the EU AI Act can apply');
  expect(md).toContain('1. Introductions and drivers (customers, regulators) (5 min)');
  expect(md).toContain('not legal or compliance advice');
});

it('Adaptive Card 1.4 with object submit data and the full brief behind ShowCard', async () => {
  const card = renderBriefCard((await service.leads.brief(leadId))!) as { version: string; actions: Record<string, unknown>[] };
  expect(card.version).toBe('1.4');
  expect(card.actions[0]).toEqual({ type: 'Action.Submit', title: 'Mark as contacted', data: { action: 'lead.contacted', leadId } });
  expect(card.actions[1]).toMatchObject({ type: 'Action.ShowCard', card: { type: 'AdaptiveCard', version: '1.4' } });
  expect(JSON.stringify(card)).toContain('Wed 2 Dec, 09:00–09:30');
});

it('a lead without an assessment gets the generic agenda', async () => {
  const { leadId: bare } = await service.leads.registerLead({
    conversationId: 'c',
    channelId: 'webchat',
    contact: { name: 'B', email: 'b@example.org', organisation: 'B Ltd' },
    consent: { givenAt: NOW, noticeVersion: '2026-01' },
    answers: { ai_use: 'active' },
    assessment: null,
  });
  expect((await service.booking.confirm({ leadId: bare, slotId: 'slot-20261202T1030Z', now: NOW })).ok).toBe(true);
  const md = renderBriefMarkdown((await service.leads.brief(bare))!);
  expect(md).toContain('Not assessed yet');
  expect(md).toContain('The scoping questions not yet answered');
});

it('a personal address is marked; a lead registered without one is not', async () => {
  const { leadId: personal } = await service.leads.registerLead({
    conversationId: 'typed',
    channelId: 'webchat',
    contact: { name: 'Tom Baker', email: 'tom.baker77@gmail.com', organisation: 'Baker Consulting' },
    consent: { givenAt: NOW, noticeVersion: '2026-01' },
    answers: { ai_use: 'active' },
    assessment: null,
    notes: { personalEmail: true },
  });
  expect((await service.leads.lead(personal))?.profile.personalEmail).toBe(true);
  expect(renderBriefMarkdown((await service.leads.brief(personal))!)).toContain(
    '- **Email:** tom.baker77@gmail.com (a personal address: the visitor has no work address or preferred this one)',
  );
  expect(renderBriefMarkdown((await service.leads.brief(leadId))!)).not.toContain('personal address');
});

describe('what a practitioner prepares from', () => {
  const weak = { ai_use: 'active', certification: 'none', infosec_maturity: 'weak', ai_materiality: 'medium', sector: 'other', eu_exposure: 'no', procurement: 'none' } as const;

  async function registered(notes: Parameters<Stores['leads']['registerLead']>[0]['notes'], answers: Record<string, string> = weak) {
    const { leadId: id } = await service.leads.registerLead({
      conversationId: `conv-${Math.random()}`,
      channelId: 'webchat',
      contact: { name: 'Grace', email: `grace${Math.random()}@example.org`, organisation: 'Hopper *Labs*' },
      consent: { givenAt: NOW, noticeVersion: '2026-01' },
      answers: answers as never,
      assessment: assess(answers as never),
      notes,
    });
    return id;
  }

  it('answers as their labels, with the words the visitor typed beside them', async () => {
    const id = await registered({ words: { ai_use: 'we run a chatbot for claims in prod' } });
    const md = renderBriefMarkdown((await service.leads.brief(id))!);
    expect(md).toContain('- **AI use:** AI in production (they typed: "we run a chatbot for claims in prod")');
    expect(md).toContain('- **Information security maturity:** ');
    expect(md).not.toMatch(/\*\* (active|weak|none)\n/);
  });

  it('a "27001 first" lead: the ISO 42001 timeline is said to start once ISO 27001 is in place', async () => {
    const md = renderBriefMarkdown((await service.leads.brief(await registered({})))!);
    expect(md).toContain('- **Pathway:** ISO 27001 first, then ISO 42001');
    expect(md).toMatch(/- \*\*Timeline to ISO 42001:\*\* \d+ to \d+ months once ISO 27001 is in place/);
    expect(md).toContain('- **Note:** The ISO 42001 timeline only starts once ISO 27001 is in place');
  });

  it("the visitor's time zone, the FAQ they asked with its question, and the practitioner by name", async () => {
    const id = await registered({ faqAsked: ['faq.cost', 'faq.eu-ai-act'], visitorTimeZone: 'Asia/Singapore' });
    expect((await service.booking.confirm({ leadId: id, slotId: 'slot-20261203T0900Z', now: NOW })).ok).toBe(true);
    const brief = (await service.leads.brief(id))!;
    const md = renderBriefMarkdown(brief);
    expect(md).toContain('- **Their time zone:** Asia/Singapore');
    expect(md).toContain('- **Their time:** Thu 3 Dec, 17:00–17:30 (Asia/Singapore)');
    expect(md).toContain('- What it costs (faq.cost)');
    expect(brief.faqAsked.map((f) => f.id)).toEqual(['faq.cost', 'faq.eu-ai-act']);
    expect(md).not.toContain('Practitioner:** practitioner-1');
    expect(md).toContain('- **Practitioner:** To be confirmed (calendar practitioner-1)');
    expect(practitionerName([{ id: 'practitioner-1', name: 'Dr Jo Smith' }], 'practitioner-1')).toBe('Dr Jo Smith');
  });

  it('the Teams card says the same as the Markdown, escaped', async () => {
    const id = await registered({ words: { ai_use: 'we *really* use it' }, faqAsked: ['faq.cost'] });
    const brief = (await service.leads.brief(id))!;
    const card = JSON.stringify(renderBriefCard(brief));
    for (const fact of ['AI in production', 'once ISO 27001 is in place', 'What it costs (faq.cost)', 'Their time zone', 'Hopper \\\\*Labs\\\\*']) expect(card).toContain(fact);
    expect(card).toContain('we \\\\*really\\\\* use it');
  });
});
