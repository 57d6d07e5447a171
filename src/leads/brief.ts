import { escapeMarkdown } from '../validation/markdown-escape';
import { z } from 'zod';
import { formatSlot } from '../booking/slots';
import { QUESTION_ORDER } from '../scoping/questions';
import { fill } from '../content/copy';
import { AnswersSchema, AssessmentSchema, ConsentSchema, ContactSchema, Lead, LeadNotesSchema } from './lead';
import { copy } from './copy';

/**
 * The practitioner's pre-call brief: built from the lead, its assessment and
 * the booking; stored as data (codes, not copy) and rendered as Markdown (CLI)
 * or an Adaptive Card (Teams). Words come from content/brief.json.
 */

const BookingPart = z.object({
  id: z.string(),
  start: z.string(),
  end: z.string(),
  status: z.enum(['confirmed', 'cancelled']),
  practitioner: z.string(),
});

export const BriefSchema = z.object({
  leadId: z.string(),
  builtAt: z.string(),
  contact: ContactSchema,
  consent: ConsentSchema,
  answers: AnswersSchema,
  assessment: AssessmentSchema.nullable(),
  booking: BookingPart.nullable(),
  timeZone: z.string(),
  /** Briefs stored before notes existed read as having none. */
  notes: LeadNotesSchema.optional(),
});

export type Brief = z.infer<typeof BriefSchema>;
export type BriefBooking = z.infer<typeof BookingPart>;

export function buildBrief(lead: Lead, booking: BriefBooking | null, opts: { now: Date; timeZone: string }): Brief {
  return {
    leadId: lead.id,
    builtAt: opts.now.toISOString(),
    contact: lead.contact,
    consent: lead.consent,
    answers: lead.answers,
    assessment: lead.assessment,
    booking,
    timeZone: opts.timeZone,
    notes: lead.notes,
  };
}

/** The brief as plain facts, in display order; both renderers use this. */
export function briefFacts(brief: Brief) {
  const c = copy().brief;
  const r = brief.assessment?.recommendation ?? null;
  const contact: [string, string][] = [
    [c.labels.name, brief.contact.name],
    [c.labels.email, brief.notes?.personalEmail ? fill(c.labels.personalEmail, { email: brief.contact.email }) : brief.contact.email],
    [c.labels.organisation, brief.contact.organisation],
    ...(brief.contact.role ? [[c.labels.role, brief.contact.role] as [string, string]] : []),
    ...(brief.contact.phone ? [[c.labels.phone, brief.contact.phone] as [string, string]] : []),
    [c.labels.consent, `${brief.consent.givenAt} (privacy notice ${brief.consent.noticeVersion})`],
  ];
  const booking: [string, string][] = brief.booking
    ? [
        [c.labels.time, formatSlot(brief.booking, brief.timeZone)],
        [c.labels.practitioner, brief.booking.practitioner],
        [c.labels.status, brief.booking.status],
      ]
    : [[c.labels.status, c.labels.notBooked]];
  const recommendation: [string, string][] = r
    ? [
        [c.labels.pathway, c.pathways[r.pathway]],
        [c.labels.tier, c.tiers[r.tier]],
        [c.labels.urgency, r.urgency ? c.urgency[r.urgency] : c.labels.none],
        [c.labels.timeline, r.timeline ? `${r.timeline.minMonths} to ${r.timeline.maxMonths} ${c.labels.months}` : c.labels.none],
      ]
    : [];
  const reasons = (brief.assessment?.reasons ?? []).map((reason) => c.reasons[reason.code]);
  // The visitor's own words beside each value they typed.
  const answers: [string, string][] = QUESTION_ORDER.filter((q) => brief.answers[q] !== undefined).map((q) => {
    const words = brief.notes?.words[q];
    return [c.questions[q], words ? fill(c.labels.inTheirWords, { value: String(brief.answers[q]), words }) : String(brief.answers[q])];
  });
  const regulatory: [string, string][] = r
    ? [
        [c.labels.regulators, r.regulators.join(', ')],
        [c.labels.euAiAct, c.euAiAct[r.euAiAct ?? 'notAsked']],
      ]
    : [];
  const agenda = c.agenda[r?.pathway ?? 'unassessed'];
  return { contact, booking, recommendation, reasons, answers, regulatory, agenda };
}

const mdEscape = escapeMarkdown;
const mdFacts = (facts: [string, string][]) => facts.map(([k, v]) => `- **${k}:** ${mdEscape(v)}`);

export function renderBriefMarkdown(brief: Brief): string {
  const c = copy().brief;
  const f = briefFacts(brief);
  const lines = [
    `# ${c.title}: ${mdEscape(brief.contact.organisation)}`,
    '',
    `## ${c.sections.booking}`,
    ...mdFacts(f.booking),
    '',
    `## ${c.sections.contact}`,
    ...mdFacts(f.contact),
    '',
    `## ${c.sections.recommendation}`,
    ...(brief.assessment ? mdFacts(f.recommendation) : [c.labels.noAssessment]),
    ...(f.reasons.length > 0 ? ['', `### ${c.sections.reasons}`, ...f.reasons.map((r) => `- ${r}`)] : []),
    '',
    `## ${c.sections.answers}`,
    ...mdFacts(f.answers),
    ...(f.regulatory.length > 0 ? ['', `## ${c.sections.regulatory}`, ...mdFacts(f.regulatory)] : []),
    '',
    `## ${c.sections.agenda}`,
    ...f.agenda.map((a, i) => `${i + 1}. ${a.item} (${a.minutes} min)`),
    '',
    `_${c.disclaimer}_`,
    '',
  ];
  return lines.join('\n');
}

type CardElement = Record<string, unknown>;
const factSet = (facts: [string, string][], escape = false): CardElement => ({
  type: 'FactSet',
  facts: facts.map(([title, value]) => ({ title, value: escape ? escapeMarkdown(value) : value })),
});
const heading = (text: string): CardElement => ({ type: 'TextBlock', text, weight: 'Bolder', spacing: 'Medium', wrap: true });

/** Adaptive Card 1.4 (what every Teams client renders): the essentials up front, the full brief behind Action.ShowCard; submit data are objects. */
export function renderBriefCard(brief: Brief): CardElement {
  const c = copy().brief;
  const f = briefFacts(brief);
  const full: CardElement[] = [
    heading(c.sections.answers),
    factSet(f.answers),
    ...(f.regulatory.length > 0 ? [heading(c.sections.regulatory), factSet(f.regulatory)] : []),
    heading(c.sections.agenda),
    ...f.agenda.map((a, i) => ({ type: 'TextBlock', text: `${i + 1}. ${a.item} (${a.minutes} min)`, wrap: true, spacing: 'None' })),
    { type: 'TextBlock', text: c.disclaimer, isSubtle: true, wrap: true, size: 'Small' },
  ];
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    body: [
      // Visitor-typed text is escaped: Teams renders Markdown, and a name must not become a link.
      { type: 'TextBlock', text: `${c.title}: ${escapeMarkdown(brief.contact.organisation)}`, size: 'Large', weight: 'Bolder', wrap: true },
      factSet(f.booking),
      heading(c.sections.contact),
      factSet(f.contact, true),
      heading(c.sections.recommendation),
      brief.assessment ? factSet(f.recommendation) : { type: 'TextBlock', text: c.labels.noAssessment, wrap: true },
      ...(f.reasons.length > 0 ? [{ type: 'TextBlock', text: f.reasons.map((r) => `- ${r}`).join('\n'), wrap: true }] : []),
    ],
    actions: [
      { type: 'Action.Submit', title: c.actions.contacted, data: { action: 'lead.contacted', leadId: brief.leadId } },
      { type: 'Action.ShowCard', title: c.actions.full, card: { type: 'AdaptiveCard', version: '1.4', body: full } },
    ],
  };
}
