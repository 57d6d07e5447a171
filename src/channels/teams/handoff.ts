import { CardFactory, type Activity, type ConversationReference } from 'botbuilder';
import type { BookingConfig } from '../../config/config';
import { fill } from '../../content/copy';
import { type Brief, escapeMarkdown, renderBriefCard } from '../../leads/brief';
import { briefSources } from '../../leads/brief-of';
import { copy } from '../../leads/copy';
import type { Handoff, HandoffOutcome, HandoffRequest } from '../../leads/handoff';
import { inOfficeHours } from '../../leads/office-hours';
import { formatSlot } from '../../booking/slots';
import { QUESTION_ORDER } from '../../scoping/questions';
import type { Logger } from '../../server/logger';
import type { BriefSource, DestinationSource, ProactiveAdapter } from './outbox';
import { failureCode } from './outbox';

/**
 * Posts a "talk to a person" request to the practitioners' channel at once
 * (a handoff is only useful now, so it is not queued): during office hours,
 * when a channel is registered. A lead's request carries its brief; before
 * consent the card holds the answers and FAQ so far, never who the visitor is.
 */

type Card = Record<string, unknown>;

export class TeamsHandoff implements Handoff {
  constructor(
    private readonly deps: {
      destinations: DestinationSource;
      briefs: BriefSource;
      adapter: ProactiveAdapter;
      appId: string;
      hours: Pick<BookingConfig, 'timeZone' | 'workingDays' | 'dayStart' | 'dayEnd'>;
      contactEmail: string;
      logger: Logger;
      clock: () => Date;
    },
  ) {}

  async request(request: HandoffRequest): Promise<HandoffOutcome> {
    const now = this.deps.clock();
    if (!inOfficeHours(this.deps.hours, now)) return { kind: 'unavailable', reason: 'out-of-hours' };
    const reference = await this.deps.destinations.destination();
    if (!reference) return { kind: 'unavailable', reason: 'no-channel' };
    const brief = request.leadId ? await this.deps.briefs.brief(request.leadId) : null;
    const card = brief ? this.leadCard(brief, request, now) : this.anonymousCard(request, now);
    try {
      await this.post(reference, card);
    } catch (error) {
      this.deps.logger.warn('handoff not posted', { leadId: request.leadId ?? undefined, failure: failureCode(error) });
      return { kind: 'unavailable', reason: 'post-failed' };
    }
    this.deps.logger.info('handoff posted', { leadId: request.leadId ?? undefined, channelId: request.channelId });
    return { kind: 'posted', withContact: brief !== null };
  }

  private header(request: HandoffRequest, now: Date): Card[] {
    const c = copy().handoff;
    const channel = c.channels[request.channelId] ?? request.channelId;
    const time = formatSlot({ start: now.toISOString(), end: now.toISOString() }, this.deps.hours.timeZone).split('–')[0];
    return [
      { type: 'TextBlock', text: c.cardTitle, size: 'Large', weight: 'Bolder', wrap: true, color: 'Attention' },
      { type: 'TextBlock', text: fill(c.cardChannel, { channel: escapeMarkdown(channel), time }), isSubtle: true, wrap: true, spacing: 'None' },
    ];
  }

  private leadCard(brief: Brief, request: HandoffRequest, now: Date): Card {
    const card = renderBriefCard(brief) as Card & { body: Card[] };
    return { ...card, body: [...this.header(request, now), { type: 'TextBlock', text: copy().handoff.cardWithContact, wrap: true }, ...card.body] };
  }

  /** Before consent: answers as labels and the FAQ asked; no name, email or organisation, no typed words. */
  private anonymousCard(request: HandoffRequest, now: Date): Card {
    const c = copy();
    const sources = briefSources({ answers: request.answers }, now, this.deps.hours.timeZone);
    const answers = QUESTION_ORDER.filter((q) => request.answers[q] !== undefined).map((q) => ({
      title: c.brief.questions[q],
      value: escapeMarkdown(sources.answerLabel(q, String(request.answers[q]))),
    }));
    const faq = request.faqAsked.map((id) => `- ${escapeMarkdown(sources.faqText(id))} (${id})`);
    return {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.4',
      body: [
        ...this.header(request, now),
        { type: 'TextBlock', text: fill(c.handoff.cardAnonymous, { contactEmail: this.deps.contactEmail }), wrap: true },
        { type: 'TextBlock', text: c.brief.sections.answers, weight: 'Bolder', spacing: 'Medium', wrap: true },
        answers.length > 0 ? { type: 'FactSet', facts: answers } : { type: 'TextBlock', text: c.handoff.noAnswers, wrap: true },
        ...(faq.length > 0
          ? [
              { type: 'TextBlock', text: c.brief.sections.askedFaq, weight: 'Bolder', spacing: 'Medium', wrap: true },
              { type: 'TextBlock', text: faq.join('\n'), wrap: true },
            ]
          : []),
      ],
    };
  }

  private async post(reference: Partial<ConversationReference>, card: Card): Promise<void> {
    await this.deps.adapter.continueConversationAsync(this.deps.appId, reference, async (context) => {
      context.onSendActivities(async (_ctx, activities, next) => {
        for (const activity of activities) delete activity.replyToId;
        return next();
      });
      await context.sendActivity({ type: 'message', attachments: [CardFactory.adaptiveCard(card)] } as Partial<Activity>);
    });
  }
}
