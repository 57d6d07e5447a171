import { BookingService } from '../booking/service';
import { NOW, openService, registerAda, tempDataDir, WEDNESDAY_0900 } from '../../test/booking/fixtures';
import { renderBriefCard, renderBriefMarkdown } from './brief';

/** The practitioner's brief for a booked, assessed lead (financial, EU exposure, AI procurement → 42001-first, hot). */

let service: BookingService;
let leadId: string;
beforeEach(() => {
  service = openService(tempDataDir());
  leadId = registerAda(service);
  expect(service.confirm({ leadId, slotId: WEDNESDAY_0900, now: NOW }).ok).toBe(true);
});
afterEach(() => service.close());

it('Markdown: contact, London time, recommendation with reasons in words, regulators, agenda for the pathway', () => {
  const md = renderBriefMarkdown(service.brief(leadId)!);
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

it('Adaptive Card 1.4 with object submit data and the full brief behind ShowCard', () => {
  const card = renderBriefCard(service.brief(leadId)!) as { version: string; actions: Record<string, unknown>[] };
  expect(card.version).toBe('1.4');
  expect(card.actions[0]).toEqual({ type: 'Action.Submit', title: 'Mark as contacted', data: { action: 'lead.contacted', leadId } });
  expect(card.actions[1]).toMatchObject({ type: 'Action.ShowCard', card: { type: 'AdaptiveCard', version: '1.4' } });
  expect(JSON.stringify(card)).toContain('Wed 2 Dec, 09:00–09:30');
});

it('a lead without an assessment gets the generic agenda', () => {
  const { leadId: bare } = service.registerLead({
    conversationId: 'c',
    channelId: 'webchat',
    contact: { name: 'B', email: 'b@example.org', organisation: 'B Ltd' },
    consent: { givenAt: NOW, noticeVersion: '2026-01' },
    answers: { ai_use: 'active' },
    assessment: null,
  });
  expect(service.confirm({ leadId: bare, slotId: 'slot-20261202T1030Z', now: NOW }).ok).toBe(true);
  const md = renderBriefMarkdown(service.brief(bare)!);
  expect(md).toContain('Not assessed yet');
  expect(md).toContain('The scoping questions not yet answered');
});

it("the visitor's own words sit beside the values they typed, and a personal address is marked", () => {
  const answers = { ai_use: 'active', certification: 'none', infosec_maturity: 'reasonable' } as const;
  const { leadId: typed } = service.registerLead({
    conversationId: 'typed',
    channelId: 'webchat',
    contact: { name: 'Tom Baker', email: 'tom.baker77@gmail.com', organisation: 'Baker Consulting' },
    consent: { givenAt: NOW, noticeVersion: '2026-01' },
    answers,
    assessment: null,
    notes: { words: { certification: 'we never bothered with 27001' }, personalEmail: true },
  });
  expect(service.lead(typed)?.notes).toEqual({ words: { certification: 'we never bothered with 27001' }, personalEmail: true });
  expect(service.confirm({ leadId: typed, slotId: 'slot-20261202T1030Z', now: NOW }).ok).toBe(true);
  const md = renderBriefMarkdown(service.brief(typed)!);
  expect(md).toContain('- **Email:** tom.baker77@gmail.com (a personal address: the visitor has no work address or preferred this one)');
  expect(md).toContain('none (in their words: "we never bothered with 27001")');
  expect(md).toMatch(/\*\* active$/m); // clicked: no words
});

it('a lead registered without notes has none: plain values, the email unmarked', () => {
  const md = renderBriefMarkdown(service.brief(leadId)!);
  expect(md).not.toContain('in their words');
  expect(md).not.toContain('personal address');
});
