import type { Activity } from 'botbuilder';
import { fill, type Messages } from '../../src/content/copy';
import type { Assessment, Pathway, Reason, Timeline } from '../../src/scoping/recommendation';
import type { Answers } from '../../src/scoping/questions';
import { presentationOf, type ChannelInfo } from '../channel';
import { type CardElement, withChoices } from './cards';

/** Reasons shown: the two or three that matter most, as a short list. */
const MAX_REASONS = 3;

/** Each reason in words, naming the answers that drove it. */
export function reasonTexts(reasons: Reason[], answers: Answers, messages: Messages): string[] {
  const phrases: Record<string, string> = {};
  for (const [question, value] of Object.entries(answers)) {
    const byValue = (messages.answerPhrases as Record<string, Record<string, string>>)[question];
    if (byValue && value) phrases[question] = byValue[value] ?? value;
  }
  return reasons.map((reason) => fill(messages.recommendation.reasons[reason.code], phrases));
}

export function timelineText(assessment: Assessment, messages: Messages): string {
  const { pathway, timeline } = assessment.recommendation;
  const copy = messages.recommendation;
  const base = fill(copy.timelines[pathway], timeline ? { min: timeline.minMonths, max: timeline.maxMonths } : {});
  const longer = timeline && (pathway === '42001-first' || pathway === 'integrated') && timeline.minMonths >= 12;
  return longer ? `${base} ${copy.longerEnd}` : base;
}

type Standard = keyof Messages['recommendation']['standards'];

/** One step of the roadmap: which standard, and how long (null: sized on the call, the source gives no figure). */
export interface Phase {
  standard: Standard;
  timeline: Timeline | null;
}

/**
 * The order of work each pathway implies (scoping.md), with the months the
 * timeline rule gives. "27001-first": ISO 27001 (no figure) → ISO 42001 (6–9 months).
 */
export function phasesOf(pathway: Pathway, timeline: Timeline | null): Phase[] {
  switch (pathway) {
    case 'not-yet':
      return [];
    case '42001-next':
      return [{ standard: '42001-on-27001', timeline }];
    case '27001-first':
      return [
        { standard: '27001', timeline: null },
        { standard: '42001', timeline },
      ];
    case '42001-first':
      return [{ standard: '42001', timeline }];
    case 'integrated':
      return [{ standard: 'both', timeline }];
  }
}

export interface RecommendationOptions {
  /** The call already booked, in words: the next steps mention it instead of offering to book. */
  bookedFor?: string;
}

/**
 * The recommendation: the pathway first, a roadmap of its phases with their
 * months, two or three reasons, then regulators and the disclaimer; the next
 * steps as the channel's choices. On cards the roadmap is drawn with columns
 * and containers (Adaptive Cards 1.4), so Web Chat and Teams show it alike.
 */
export function recommendationMessage(
  assessment: Assessment,
  messages: Messages,
  channel: ChannelInfo,
  options: RecommendationOptions = {},
): Partial<Activity> {
  const { recommendation } = assessment;
  const copy = messages.recommendation;
  const view = {
    pathway: copy.pathways[recommendation.pathway],
    phases: phasesOf(recommendation.pathway, recommendation.timeline).map((phase, i) => ({
      step: fill(copy.phase, { n: i + 1 }),
      standard: copy.standards[phase.standard],
      months: phase.timeline ? fill(copy.months, { min: phase.timeline.minMonths, max: phase.timeline.maxMonths }) : copy.sizedOnCall,
    })),
    timeline: timelineText(assessment, messages),
    reasons: reasonTexts(assessment.reasons, recommendation.answers, messages).slice(0, MAX_REASONS).map(capitalise),
    notes: [recommendation.urgency ? copy.urgency[recommendation.urgency] : null, recommendation.euAiAct ? copy.euAiAct[recommendation.euAiAct] : null].filter(
      (line): line is string => line !== null,
    ),
    regulators: fill(copy.regulators, { regulators: recommendation.regulators.join(', ') }),
    disclaimer: messages.disclaimer,
    next: options.bookedFor ? fill(copy.nextBooked, { time: options.bookedFor }) : copy.next,
  };
  const choices = [
    ...(options.bookedFor ? [] : [{ title: copy.actions.book, data: { action: 'book' } }]),
    { title: copy.actions.ask, data: { action: 'ask' } },
    { title: copy.actions.restart, data: { action: 'restart' } },
  ];
  const value = { recommendation };
  if (presentationOf(channel) === 'text') return { ...withChoices(channel, asText(view, messages), choices), textFormat: 'markdown', value };
  return { ...withChoices(channel, copy.intro, choices, { body: asCard(view, messages), fallbackText: asText(view, messages) }), value };
}

type View = {
  pathway: { title: string; summary: string };
  phases: { step: string; standard: string; months: string }[];
  timeline: string;
  reasons: string[];
  notes: string[];
  regulators: string;
  disclaimer: string;
  next: string;
};

function asText(view: View, messages: Messages): string {
  const copy = messages.recommendation;
  return [
    `**${fill(copy.heading, { title: view.pathway.title })}**`,
    view.pathway.summary,
    view.phases.length > 0 ? `**${copy.roadmap}:** ${view.phases.map((p) => `${p.standard} (${p.months})`).join(' → ')}` : null,
    `**${copy.timeline}** ${view.timeline}`,
    `**${copy.why}**\n${view.reasons.map((reason) => `- ${reason}.`).join('\n')}`,
    ...view.notes,
    view.regulators,
    `_${view.disclaimer}_`,
    view.next,
  ]
    .filter((line): line is string => line !== null)
    .join('\n\n');
}

const text = (value: string, extra: Record<string, unknown> = {}): CardElement => ({ type: 'TextBlock', text: value, wrap: true, ...extra });
const small = (value: string): CardElement => text(value, { size: 'Small', isSubtle: true, spacing: 'Small' });

function asCard(view: View, messages: Messages): CardElement[] {
  const copy = messages.recommendation;
  return [
    text(view.pathway.title, { size: 'Large', weight: 'Bolder', color: 'Accent', spacing: 'None' }),
    text(view.pathway.summary, { spacing: 'Small' }),
    ...(view.phases.length > 0 ? [text(copy.roadmap, { weight: 'Bolder', spacing: 'Medium' }), roadmap(view.phases)] : []),
    small(view.timeline),
    text(copy.why, { weight: 'Bolder', spacing: 'Medium' }),
    text(view.reasons.map((reason) => `- ${reason}`).join('\n'), { spacing: 'Small' }),
    ...view.notes.map((note) => text(note, { spacing: 'Small' })),
    { type: 'Container', separator: true, spacing: 'Medium', items: [small(view.regulators), small(view.disclaimer)] },
    text(view.next, { spacing: 'Medium' }),
  ];
}

/** Steps side by side, each a shaded box with its months, an arrow between them. */
function roadmap(phases: View['phases']): CardElement {
  const columns: CardElement[] = [];
  phases.forEach((phase, i) => {
    if (i > 0) columns.push({ type: 'Column', width: 'auto', verticalContentAlignment: 'Center', items: [text('→', { size: 'Large', weight: 'Bolder' })] });
    columns.push({
      type: 'Column',
      width: 'stretch',
      style: 'emphasis',
      items: [
        text(phase.step, { size: 'Small', isSubtle: true, spacing: 'None' }),
        text(phase.standard, { weight: 'Bolder', spacing: 'None' }),
        text(phase.months, { spacing: 'None' }),
      ],
    });
  });
  return { type: 'ColumnSet', spacing: 'Small', columns };
}

const capitalise = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);
