import { escapeMarkdown } from '../validation/markdown-escape';
import { z } from 'zod';
import { formatSlot } from '../booking/slots';
import { fill } from '../content/copy';
import { QUESTION_ORDER, QUESTION_VALUES, type QuestionId } from '../scoping/questions';
import { AnswersSchema, AssessmentSchema, ConsentSchema, ContactSchema, type Lead } from './lead';
import { copy } from './copy';

/**
 * The practitioner's pre-call brief: built from the lead, its assessment and
 * its booking (if any); data (codes and the visitor's words, not copy), rendered
 * as Markdown (CLI), an Adaptive Card (Teams) or sent as JSON (the CRM
 * webhook). Words come from content/brief.json; answer labels from
 * content/questions.json, resolved once when the brief is built.
 */

const QuestionIdSchema = z.enum(Object.keys(QUESTION_VALUES) as [QuestionId, ...QuestionId[]]);

const BookingPart = z.object({
  id: z.string(),
  start: z.string(),
  end: z.string(),
  status: z.enum(['confirmed', 'cancelled']),
  practitioner: z.string(),
  /** The practitioner as people know them (BOOKING_PRACTITIONERS), never only the calendar id. */
  practitionerName: z.string(),
});

const AnswerPart = z.object({
  question: QuestionIdSchema,
  value: z.string(),
  /** The choice as the visitor saw it ("AI in production"), not the code ("active"). */
  label: z.string(),
  /** What the visitor typed, when they typed rather than clicked: a misread answer can be spotted. */
  words: z.string().nullable(),
});

export const BriefSchema = z.object({
  leadId: z.string(),
  builtAt: z.string(),
  contact: ContactSchema,
  consent: ConsentSchema,
  answers: AnswersSchema,
  answerDetails: z.array(AnswerPart),
  /** Questions that apply and were not answered, in the order asked: the call starts with them. */
  unanswered: z.array(QuestionIdSchema),
  assessment: AssessmentSchema.nullable(),
  booking: BookingPart.nullable(),
  /** The FAQ the visitor asked, with the question each answers. */
  faqAsked: z.array(z.object({ id: z.string(), text: z.string() })),
  /** The firm's zone: booking times are shown in it. */
  timeZone: z.string(),
  /** The visitor's zone, when their client gave one. */
  visitorTimeZone: z.string().nullable(),
  conversations: z.number().int().min(1),
  /** The email is a personal mailbox, accepted after one question. */
  personalEmail: z.boolean(),
});

export type Brief = z.infer<typeof BriefSchema>;
export type BriefBooking = z.infer<typeof BookingPart>;

export interface BriefSources {
  now: Date;
  timeZone: string;
  /** The label each answer value was shown with. */
  answerLabel: (question: QuestionId, value: string) => string;
  faqText: (id: string) => string;
  /** Which questions apply given the answers so far (some are skipped by earlier answers). */
  applicable: (question: QuestionId) => boolean;
}

export function buildBrief(lead: Lead, booking: BriefBooking | null, sources: BriefSources): Brief {
  const answered = QUESTION_ORDER.filter((q) => lead.answers[q] !== undefined);
  return {
    leadId: lead.id,
    builtAt: sources.now.toISOString(),
    contact: lead.contact,
    consent: lead.consent,
    answers: lead.answers,
    answerDetails: answered.map((q) => ({
      question: q,
      value: String(lead.answers[q]),
      label: sources.answerLabel(q, String(lead.answers[q])),
      words: lead.profile.words[q] ?? null,
    })),
    unanswered: QUESTION_ORDER.filter((q) => lead.answers[q] === undefined && sources.applicable(q)),
    assessment: lead.assessment,
    booking,
    faqAsked: lead.profile.faqAsked.map((id) => ({ id, text: sources.faqText(id) })),
    timeZone: sources.timeZone,
    visitorTimeZone: lead.profile.visitorTimeZone,
    conversations: Math.max(1, lead.profile.conversations.length),
    personalEmail: lead.profile.personalEmail,
  };
}

type Fact = [string, string];

/** The brief as plain facts, in display order; every renderer uses this, so they say the same. */
export function briefFacts(brief: Brief) {
  const c = copy().brief;
  const r = brief.assessment?.recommendation ?? null;
  const contact: Fact[] = [
    [c.labels.name, brief.contact.name],
    [c.labels.email, brief.personalEmail ? fill(c.labels.personalEmail, { email: brief.contact.email }) : brief.contact.email],
    [c.labels.organisation, brief.contact.organisation],
    ...(brief.contact.role ? [[c.labels.role, brief.contact.role] as Fact] : []),
    ...(brief.contact.phone ? [[c.labels.phone, brief.contact.phone] as Fact] : []),
    [c.labels.visitorTimeZone, brief.visitorTimeZone ?? c.labels.visitorTimeZoneUnknown],
    ...(brief.conversations > 1 ? [[c.labels.conversations, String(brief.conversations)] as Fact] : []),
    [c.labels.consent, `${brief.consent.givenAt} (privacy notice ${brief.consent.noticeVersion})`],
  ];
  const theirTime =
    brief.booking && brief.visitorTimeZone && brief.visitorTimeZone !== brief.timeZone
      ? [[c.labels.theirTime, `${formatSlot(brief.booking, brief.visitorTimeZone)} (${brief.visitorTimeZone})`] as Fact]
      : [];
  const booking: Fact[] = brief.booking
    ? [
        [c.labels.time, formatSlot(brief.booking, brief.timeZone)],
        ...theirTime,
        [c.labels.practitioner, brief.booking.practitionerName],
        [c.labels.status, brief.booking.status],
      ]
    : [[c.labels.status, c.labels.notBooked]];
  const timeline = (): string => {
    if (!r?.timeline) return c.labels.none;
    const caveat = c.timelineCaveats[r.pathway];
    return `${r.timeline.minMonths} to ${r.timeline.maxMonths} ${c.labels.months}${caveat ? ` ${caveat}` : ''}`;
  };
  const recommendation: Fact[] = r
    ? [
        [c.labels.pathway, c.pathways[r.pathway]],
        ...(c.pathwayCaveats[r.pathway] ? [[c.labels.caveat, c.pathwayCaveats[r.pathway]] as Fact] : []),
        [c.labels.tier, c.tiers[r.tier]],
        [c.labels.urgency, r.urgency ? c.urgency[r.urgency] : c.labels.none],
        [c.labels.timeline, timeline()],
      ]
    : [];
  const reasons = (brief.assessment?.reasons ?? []).map((reason) => c.reasons[reason.code]);
  const answers: Fact[] = brief.answerDetails.map((a) => [c.questions[a.question], a.words ? `${a.label} (${c.labels.typed}: "${a.words}")` : a.label]);
  const unanswered = brief.unanswered.map((q) => c.questions[q]);
  const regulatory: Fact[] = r
    ? [
        [c.labels.regulators, r.regulators.join(', ') || c.labels.none],
        [c.labels.euAiAct, c.euAiAct[r.euAiAct ?? 'notAsked']],
      ]
    : [];
  const faq = brief.faqAsked.map((f) => `${f.text} (${f.id})`);
  const agenda = agendaOf(brief);
  return { contact, booking, recommendation, reasons, answers, unanswered, regulatory, faq, agenda };
}

/**
 * The agenda for the pathway; a lead with questions unanswered gets the
 * generic agenda, which opens with those questions by name.
 */
function agendaOf(brief: Brief): { minutes: number; item: string }[] {
  const c = copy().brief;
  const pathway = brief.unanswered.length > 0 || !brief.assessment ? 'unassessed' : brief.assessment.recommendation.pathway;
  const questions = brief.unanswered.map((q) => c.questions[q]).join(', ') || c.labels.none;
  return c.agenda[pathway].map((a) => ({ minutes: a.minutes, item: fill(a.item, { questions }) }));
}

// Visitor-typed text in Markdown (src/validation): a name must not become a heading, a link or a table.
export { escapeMarkdown };
const mdFacts = (facts: Fact[]) => facts.map(([k, v]) => `- **${k}:** ${escapeMarkdown(v)}`);
const mdList = (items: string[]) => items.map((i) => `- ${escapeMarkdown(i)}`);

export function renderBriefMarkdown(brief: Brief): string {
  const c = copy().brief;
  const f = briefFacts(brief);
  const section = (title: string, lines: string[]) => (lines.length > 0 ? ['', `## ${title}`, ...lines] : []);
  const lines = [
    `# ${c.title}: ${escapeMarkdown(brief.contact.organisation)}`,
    ...section(c.sections.booking, mdFacts(f.booking)),
    ...section(c.sections.unanswered, mdList(f.unanswered)),
    ...section(c.sections.contact, mdFacts(f.contact)),
    ...section(c.sections.recommendation, brief.assessment ? mdFacts(f.recommendation) : [c.labels.noAssessment]),
    ...(f.reasons.length > 0 ? ['', `### ${c.sections.reasons}`, ...f.reasons.map((r) => `- ${r}`)] : []),
    ...section(c.sections.answers, mdFacts(f.answers)),
    ...section(c.sections.askedFaq, mdList(f.faq)),
    ...section(c.sections.regulatory, mdFacts(f.regulatory)),
    ...section(
      c.sections.agenda,
      f.agenda.map((a, i) => `${i + 1}. ${escapeMarkdown(a.item)} (${a.minutes} min)`),
    ),
    '',
    `_${c.disclaimer}_`,
    '',
  ];
  return lines.join('\n');
}

type CardElement = Record<string, unknown>;
// Every value is escaped: Teams renders Markdown in facts, and visitors typed some of them.
const factSet = (facts: Fact[]): CardElement => ({ type: 'FactSet', facts: facts.map(([title, value]) => ({ title, value: escapeMarkdown(value) })) });
const heading = (text: string): CardElement => ({ type: 'TextBlock', text, weight: 'Bolder', spacing: 'Medium', wrap: true });
const bullets = (items: string[]): CardElement => ({ type: 'TextBlock', text: items.map((i) => `- ${escapeMarkdown(i)}`).join('\n'), wrap: true });

/** Adaptive Card 1.4 (what every Teams client renders): the essentials up front, the full brief behind Action.ShowCard; submit data are objects. */
export function renderBriefCard(brief: Brief): CardElement {
  const c = copy().brief;
  const f = briefFacts(brief);
  const full: CardElement[] = [
    heading(c.sections.answers),
    factSet(f.answers),
    ...(f.faq.length > 0 ? [heading(c.sections.askedFaq), bullets(f.faq)] : []),
    ...(f.regulatory.length > 0 ? [heading(c.sections.regulatory), factSet(f.regulatory)] : []),
    heading(c.sections.agenda),
    ...f.agenda.map((a, i) => ({ type: 'TextBlock', text: `${i + 1}. ${escapeMarkdown(a.item)} (${a.minutes} min)`, wrap: true, spacing: 'None' })),
    { type: 'TextBlock', text: c.disclaimer, isSubtle: true, wrap: true, size: 'Small' },
  ];
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    body: [
      { type: 'TextBlock', text: `${c.title}: ${escapeMarkdown(brief.contact.organisation)}`, size: 'Large', weight: 'Bolder', wrap: true },
      factSet(f.booking),
      ...(f.unanswered.length > 0 ? [heading(c.sections.unanswered), bullets(f.unanswered)] : []),
      heading(c.sections.contact),
      factSet(f.contact),
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
