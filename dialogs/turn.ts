import type { Activity } from 'botbuilder';
import { transition } from 'xstate';
import { extractFacts } from '../src/answers/facts';
import { interpretAnswer } from '../src/answers/interpret';
import { looksLikeQuestion } from '../src/answers/question-shape';
import {
  CONTACT_FIELDS,
  ContactSubmitSchema,
  OPTIONAL_CONTACT_FIELDS,
  validateContactSubmit,
  validateField,
  type ContactField,
} from '../src/contact/contact';
import { fill } from '../src/content/copy';
import { applicableAnswers, isAnswerValue, isApplicable, isQuestionId, QUESTION_ORDER, type Answers } from '../src/scoping/questions';
import { assess } from '../src/scoping/recommendation';
import { formatSlot } from '../src/booking/slots';
import { isFaqId, type IntentId } from '../src/intents/ids';
import { SUGGESTION_FLOOR } from '../src/intents/recogniser';
import { scopingMachine } from '../machines/scoping/machine';
import type { ScopingSnapshot } from '../machines/scoping/persistence';
import { pendingQuestion, progressOf } from '../machines/scoping/progress';
import type { BookingSummary, ScopingEvent } from '../machines/scoping/types';
import type { ChannelInfo } from './channel';
import { parseDay } from './day';
import type { CardSubmit, TurnInput } from './input';
import { MAX_TEXT_CHARS } from './input';
import { bookingMessage, confirmPrompt, contactForm, disclaimerPrompt, fieldPrompt, slotPrompt } from './render/booking';
import { type PromptVariant, questionPrompt } from './render/questions';
import { recommendationMessage } from './render/recommendation';
import { faqAnswer, offTopicReply, textReply, welcomeMessage } from './render/replies';
import { isLater, isSkip, mentionsReschedule, wantsAnotherDay, yesOrNo } from './replies';
import type { TurnServices } from './services';

/**
 * One turn: understand what arrived, move the machine, carry out the effects
 * the machine asks for, and render what the user sees next. Replies are
 * returned, not sent: the caller sends them once the new state is stored.
 */

export type TurnEvent = TurnInput | { kind: 'joined' } | { kind: 'restarted' };

export interface TurnRequest {
  event: TurnEvent;
  channel: ChannelInfo;
  conversationId: string;
}

export interface TurnResult {
  snapshot: ScopingSnapshot;
  replies: Partial<Activity>[];
  /** The user asked for their data to be deleted and it was: channels forget what they keep too. */
  erased: boolean;
}

/** How the pending prompt is shown again when the state did not change. */
type Reprompt = PromptVariant | 'none';

/** Events that re-enter the state they happen in: its prompt must be shown afresh. */
const REENTERING_EVENTS = new Set<ScopingEvent['type']>(['BOOK', 'MORE_SLOTS', 'ANOTHER_DAY', 'CONSENT_GIVEN', 'CONTACT_FIELD', 'CONTACT_FIELD_SKIPPED']);

/** A question clause after an answer: "…, do we still need 42001". */
const ASKS_AS_WELL = /(,|;|\band\b|\bbut\b|\bso\b)\s*(do|does|should|can|could|is|are|what|how|why|which|will|would)\s+\w+/i;

const BOOKING_STATES = ['disclaimer', 'contact', 'registering', 'slot', 'confirm', 'committing'] as const;

export async function runTurn(snapshot: ScopingSnapshot, request: TurnRequest, services: TurnServices): Promise<TurnResult> {
  const turn = new Turn(snapshot, request, services);
  await turn.run();
  return { snapshot: turn.snapshot, replies: turn.replies, erased: turn.erased };
}

class Turn {
  readonly replies: Partial<Activity>[] = [];
  erased = false;
  private readonly startValue: string;
  private reprompt: Reprompt = 'none';
  /** Set when a message this turn already showed what the state means (e.g. the booking confirmation). */
  private promptShown = false;
  private forceFullPrompt = false;
  private fieldProblem: string | undefined;

  constructor(
    public snapshot: ScopingSnapshot,
    private readonly request: TurnRequest,
    private readonly services: TurnServices,
  ) {
    this.startValue = JSON.stringify(snapshot.value);
  }

  private get messages() {
    return this.services.messages;
  }

  private get channel() {
    return this.request.channel;
  }

  private get context() {
    return this.snapshot.context;
  }

  private matches(state: string): boolean {
    return this.snapshot.matches(state as never);
  }

  private say(activity: Partial<Activity>): void {
    this.replies.push(activity);
  }

  async run(): Promise<void> {
    const { event } = this.request;
    switch (event.kind) {
      case 'joined':
        if (this.matches('main.welcome')) this.say(welcomeMessage(this.messages, this.channel));
        else this.reprompt = 'resume';
        break;
      case 'restarted':
        this.say(textReply(this.messages.restartedAfterUpgrade));
        this.say(welcomeMessage(this.messages, this.channel));
        break;
      case 'empty':
        this.say(textReply(this.messages.unmapped.empty));
        this.reprompt = 'resume';
        break;
      case 'too-long':
        this.say(textReply(fill(this.messages.tooLong, { max: MAX_TEXT_CHARS })));
        this.reprompt = 'resume';
        break;
      case 'bad-submit':
        this.reprompt = 'bad-card';
        break;
      case 'submit':
        await this.onSubmit(event.data);
        break;
      case 'text':
        await this.onText(event.text);
        break;
    }
    await this.renderPrompt();
  }

  // ── moving the machine ────────────────────────────────────────────────

  private async send(event: ScopingEvent): Promise<void> {
    if (REENTERING_EVENTS.has(event.type)) this.forceFullPrompt = true;
    [this.snapshot] = transition(scopingMachine, this.snapshot, event);
    await this.settle();
  }

  /** Effect states: do what the machine asks, report the outcome as an event. */
  private async settle(): Promise<void> {
    const { booking } = this.services;
    for (let guard = 0; guard < 5; guard += 1) {
      const ctx = this.context;
      if (this.matches('booking.registering')) {
        const contact = ctx.booking.contact;
        const answers = applicableAnswers(ctx.answers);
        const { leadId } = booking.registerLead({
          conversationId: this.request.conversationId,
          channelId: this.channel.channelId,
          contact: { name: contact.name!, email: contact.email!, organisation: contact.organisation!, role: contact.role, phone: contact.phone },
          consent: { givenAt: new Date(ctx.booking.consentAt!), noticeVersion: this.services.config.privacy.noticeVersion },
          answers,
          assessment: this.assessmentIfComplete(),
        });
        [this.snapshot] = transition(scopingMachine, this.snapshot, { type: 'LEAD_REGISTERED', leadId });
      } else if (this.matches('booking.committing')) {
        const chosen = ctx.booking.chosen!;
        const now = this.services.clock();
        if (ctx.booking.leadId) booking.updateLeadAssessment?.(ctx.booking.leadId, applicableAnswers(ctx.answers), this.assessmentIfComplete());
        const result =
          ctx.booking.rescheduling && ctx.booking.current
            ? booking.reschedule({ bookingId: ctx.booking.current.id, slotId: chosen.id, now })
            : booking.confirm({ leadId: ctx.booking.leadId ?? '', slotId: chosen.id, now });
        if (result.ok) {
          const summary = this.summary(result.booking);
          [this.snapshot] = transition(scopingMachine, this.snapshot, { type: 'BOOKED', booking: summary });
          this.say(bookingMessage(this.messages.booking.confirmed, summary, this.messages, this.channel, true));
          this.promptShown = true;
        } else {
          [this.snapshot] = transition(scopingMachine, this.snapshot, { type: 'SLOT_TAKEN' });
        }
      } else if (this.matches('booked.cancelling')) {
        const current = ctx.booking.current!;
        const result = booking.cancel(current.id);
        const summary: BookingSummary = result.ok ? this.summary(result.booking) : { ...current, status: 'cancelled' };
        [this.snapshot] = transition(scopingMachine, this.snapshot, { type: 'BOOKING_CANCELLED', booking: summary });
        this.say(textReply(fill(this.messages.booking.cancelled, { time: formatWhen(summary) }), { booking: wireBooking(summary) }));
        this.promptShown = true;
      } else if (this.matches('erasing')) {
        const hadBooking = ctx.booking.current?.status === 'confirmed';
        if (ctx.booking.leadId) booking.deleteLead(ctx.booking.leadId);
        [this.snapshot] = transition(scopingMachine, this.snapshot, { type: 'DATA_ERASED' });
        this.erased = true;
        this.say(textReply(fill(this.messages.deleted, { booking: hadBooking ? this.messages.deletedBooking : '' })));
        this.promptShown = true;
      } else {
        return;
      }
    }
  }

  private summary(view: { id: string; start: string; end: string; status: 'confirmed' | 'cancelled'; icsUrlPath: string }): BookingSummary {
    return { id: view.id, start: view.start, end: view.end, status: view.status, ics: `${this.services.baseUrl()}${view.icsUrlPath}` };
  }

  private assessmentIfComplete() {
    const answers = applicableAnswers(this.context.answers);
    const complete = QUESTION_ORDER.every((q) => answers[q] !== undefined || !isApplicable(q, answers));
    return complete ? assess(answers) : null;
  }

  // ── card submits ──────────────────────────────────────────────────────

  private async onSubmit(data: CardSubmit): Promise<void> {
    if ('action' in data && typeof data.action === 'string' && !('question' in data)) return this.onAction(data.action);
    const question = (data as { question: string }).question;
    const answer = (data as { answer?: unknown }).answer;
    const pending = pendingQuestion(this.snapshot.value);

    if (isQuestionId(question)) {
      if (!isAnswerValue(question, answer)) return void (this.reprompt = 'bad-card');
      if (pending !== question) return void (this.reprompt = 'stale');
      return this.answer(question, answer as never, {});
    }
    switch (question) {
      case 'disclaimer':
        if (!this.matches('booking.disclaimer')) return void (this.reprompt = 'stale');
        if (answer === 'accept') return this.send({ type: 'DISCLAIMER_ACCEPTED', at: this.now() });
        if (answer === 'decline') return this.declined(this.messages.booking.declined);
        return void (this.reprompt = 'bad-card');
      case 'contact':
        if (!this.matches('booking.contact')) return void (this.reprompt = 'stale');
        return this.onContactSubmit(data);
      case 'slot':
        if (!this.matches('booking.slot')) return void (this.reprompt = 'stale');
        if (data.action === 'later' && typeof data.after === 'string') return this.send({ type: 'MORE_SLOTS', after: data.after });
        if (data.action === 'day') return this.say(textReply(this.messages.booking.slotDayPrompt));
        return this.chooseSlot(typeof answer === 'string' ? answer : '');
      case 'confirm':
        if (!this.matches('booking.confirm')) return void (this.reprompt = 'stale');
        if (answer === 'yes') return this.send({ type: 'CONFIRM_YES' });
        if (answer === 'no') return this.send({ type: 'CONFIRM_NO' });
        return void (this.reprompt = 'bad-card');
      default:
        this.reprompt = 'bad-card';
    }
  }

  private async onAction(action: string): Promise<void> {
    switch (action) {
      case 'start':
        return this.startScoping();
      case 'ask':
        this.say(textReply(this.messages.askPrompt));
        return;
      case 'book':
        return this.send({ type: 'BOOK' });
      case 'restart':
        return this.restart();
      case 'reschedule':
        return this.matches('booked.idle') ? this.send({ type: 'RESCHEDULE' }) : void (this.reprompt = 'stale');
      case 'cancel-booking':
        return this.cancelBooking(false);
      default:
        this.reprompt = 'bad-card';
    }
  }

  private async onContactSubmit(data: CardSubmit): Promise<void> {
    const parsed = ContactSubmitSchema.safeParse(data);
    if (!parsed.success) return void (this.reprompt = 'bad-card');
    const result = validateContactSubmit(parsed.data);
    if (result.ok) return this.send({ type: 'CONTACT_SUBMITTED', contact: result.contact, at: this.now() });
    // Nothing is kept before consent: the good values only travel back in the re-shown form.
    if (!result.consent && Object.keys(result.problems).length === 0) this.say(textReply(this.messages.booking.consentRequired));
    this.say(contactForm(this.messages, this.channel, this.services.config.privacy.noticeUrl, result.good, result.problems));
    this.promptShown = true;
  }

  // ── typed text ────────────────────────────────────────────────────────

  private async onText(text: string): Promise<void> {
    // Suggested actions send their label back as text: treat a label like the button it is.
    const action = this.actionForLabel(text);
    if (action) return this.onAction(action);
    const pending = pendingQuestion(this.snapshot.value);
    const questionShaped = looksLikeQuestion(text);

    if (pending && !questionShaped) {
      const result = interpretAnswer(pending, text);
      if (result.ok) {
        // "We got certified last year, do we still need 42001?" answers the question and asks one.
        if (ASKS_AS_WELL.test(text)) {
          const match = await this.services.recogniser.recognise(text);
          if (match.intent && isFaqId(match.intent)) this.say(faqAnswer(this.services.intents, match.intent, this.channel));
        }
        const { [pending]: _same, ...others } = extractFacts(text);
        return this.answer(pending, result.value as never, others as Answers);
      }
    }
    if (!questionShaped && (await this.onBookingText(text))) return;
    // "Can we move it to Thursday?" is a request about the booking, however it is phrased.
    if (this.matches('booked.idle') && mentionsReschedule(text)) return this.reschedule(text);

    const match = await this.services.recogniser.recognise(text);
    if (match.intent) {
      if (this.context.offTopic > 0) await this.send({ type: 'ON_TOPIC' });
      return this.onIntent(match.intent, text);
    }

    const facts = this.newFacts(extractFacts(text));
    if (Object.keys(facts).length > 0) {
      await this.recordFacts(facts);
      if (this.matches('main.welcome')) await this.send({ type: 'START' });
      return;
    }
    if (pending && !questionShaped) {
      await this.send({ type: 'UNMAPPED' });
      this.reprompt = this.context.misses >= 2 ? 'reask-help' : 'reask';
      return;
    }
    await this.send({ type: 'OFF_TOPIC' });
    const suggestions = match.candidates
      .filter((c) => c.score >= SUGGESTION_FLOOR)
      .map((c) => c.intent);
    this.say(offTopicReply(this.services.intents, this.context.offTopic, suggestions, this.channel, this.messages));
    this.reprompt = 'resume';
  }

  /** Typed replies to the booking steps. Returns false when the text is not for the pending step. */
  private async onBookingText(text: string): Promise<boolean> {
    if (this.matches('booking.disclaimer')) {
      const yn = yesOrNo(text);
      if (yn === 'yes') await this.send({ type: 'DISCLAIMER_ACCEPTED', at: this.now() });
      if (yn === 'no') await this.declined(this.messages.booking.declined);
      return yn !== null;
    }
    if (this.matches('booking.contact')) {
      if (!this.context.booking.consentAt) {
        const yn = yesOrNo(text);
        if (yn === 'yes') await this.send({ type: 'CONSENT_GIVEN', at: this.now() });
        if (yn === 'no') await this.declined(this.messages.booking.consentRefused, 'CONSENT_REFUSED');
        return yn !== null;
      }
      const field = this.nextField();
      if (!field) return false;
      if (OPTIONAL_CONTACT_FIELDS.includes(field) && isSkip(text)) {
        await this.send({ type: 'CONTACT_FIELD_SKIPPED', field });
        return true;
      }
      const result = validateField(field, text);
      if (result.ok) await this.send({ type: 'CONTACT_FIELD', field, value: result.value });
      else this.fieldProblem = result.reason;
      this.forceFullPrompt = true;
      return true;
    }
    if (this.matches('booking.slot')) {
      const offered = this.context.booking.offered;
      const number = text.match(/^(?:option\s*|#|no\.?\s*)?(\d{1,2})\.?$/i);
      if (number) {
        const slot = offered[Number(number[1]) - 1];
        if (slot) await this.send({ type: 'SLOT_CHOSEN', slot });
        else this.say(textReply(this.messages.booking.slotUnknown));
        return true;
      }
      const byLabel = offered.find((slot) => text.includes(slot.start.slice(11, 16)) && parseDay(text, this.services.clock()) === slot.start.slice(0, 10));
      if (byLabel) return this.send({ type: 'SLOT_CHOSEN', slot: byLabel }).then(() => true);
      const day = parseDay(text, this.services.clock());
      if (day) return this.send({ type: 'ANOTHER_DAY', day }).then(() => true);
      if (isLater(text) && offered.length > 0) return this.send({ type: 'MORE_SLOTS', after: offered[offered.length - 1].id }).then(() => true);
      if (wantsAnotherDay(text)) return this.say(textReply(this.messages.booking.slotDayPrompt)), true;
      return false;
    }
    if (this.matches('booking.confirm')) {
      const yn = yesOrNo(text);
      if (yn === 'yes') await this.send({ type: 'CONFIRM_YES' });
      if (yn === 'no') await this.send({ type: 'CONFIRM_NO' });
      return yn !== null;
    }
    return false;
  }

  private async onIntent(intent: IntentId, text: string): Promise<void> {
    if (isFaqId(intent)) {
      this.say(faqAnswer(this.services.intents, intent, this.channel));
      this.reprompt = 'resume';
      return;
    }
    const intents = this.services.intents.intents;
    switch (intent) {
      case 'cmd.start-scoping':
        return this.startScoping();
      case 'cmd.book-call':
        return this.send({ type: 'BOOK' });
      case 'cmd.cancel-booking':
        return mentionsReschedule(text) && this.matches('booked.idle') ? this.reschedule(text) : this.cancelBooking(true);
      case 'cmd.help':
        this.say(textReply(this.helpText()));
        this.reprompt = 'resume';
        return;
      case 'cmd.restart':
        return this.restart();
      case 'cmd.back':
        return this.back();
      case 'cmd.human':
        this.say(textReply(intents['cmd.human'].reply ?? this.messages.human, undefined, this.channel, [this.messages.welcome.choices.book]));
        return;
      case 'cmd.privacy':
        this.say(
          textReply(
            fill(intents['cmd.privacy'].reply ?? '', {
              privacyNoticeUrl: this.services.config.privacy.noticeUrl,
              retentionDays: this.services.config.privacy.retentionDays,
            }),
          ),
        );
        this.reprompt = 'resume';
        return;
      case 'cmd.delete-data':
        return this.send({ type: 'DELETE_DATA' });
      case 'chat.greeting':
      case 'chat.thanks':
      case 'chat.goodbye':
        this.say(textReply(intents[intent].reply ?? ''));
        this.reprompt = 'resume';
        return;
    }
  }

  // ── shared moves ──────────────────────────────────────────────────────

  private async answer(question: (typeof QUESTION_ORDER)[number], value: never, others: Answers): Promise<void> {
    const facts = this.newFacts(others);
    if (Object.keys(facts).length > 0) await this.recordFacts(facts, false);
    await this.send({ type: 'ANSWER', question, value });
  }

  private newFacts(facts: Answers): Answers {
    const fresh: Answers = {};
    for (const q of QUESTION_ORDER) {
      if (facts[q] !== undefined && this.context.answers[q] === undefined) (fresh as Record<string, string>)[q] = facts[q]!;
    }
    return fresh;
  }

  private async recordFacts(facts: Answers, announce = true): Promise<void> {
    await this.send({ type: 'FACTS', answers: facts });
    const phrases = Object.entries(facts).map(
      ([q, v]) => (this.messages.answerPhrases as Record<string, Record<string, string>>)[q]?.[v as string] ?? v,
    );
    this.say(textReply(fill(this.messages.confirmVolunteered, { facts: phrases.join('; ') })));
    if (announce) this.reprompt = 'resume';
  }

  private async startScoping(): Promise<void> {
    if (pendingQuestion(this.snapshot.value)) this.reprompt = 'full';
    await this.send({ type: 'START' });
  }

  private async restart(): Promise<void> {
    await this.send({ type: 'RESTART' });
    this.say(textReply(this.messages.restart));
    this.forceFullPrompt = true;
  }

  private async back(): Promise<void> {
    if (this.context.asked.length === 0 || !(this.matches('main.scoping') || this.matches('main.recommended'))) {
      this.say(textReply(this.messages.back.nothing));
      this.reprompt = 'resume';
      return;
    }
    await this.send({ type: 'BACK' });
    this.say(textReply(this.messages.back.done));
    this.forceFullPrompt = true;
  }

  private async declined(message: string, event: 'DISCLAIMER_DECLINED' | 'CONSENT_REFUSED' = 'DISCLAIMER_DECLINED'): Promise<void> {
    await this.send({ type: event });
    this.say(textReply(message));
    this.reprompt = 'resume';
  }

  private async cancelBooking(typed: boolean): Promise<void> {
    if (BOOKING_STATES.some((s) => this.matches(`booking.${s}`))) {
      await this.send({ type: 'CANCEL_BOOKING' });
      if (!this.matches('booked')) this.say(textReply(this.messages.booking.abandoned));
      this.reprompt = 'resume';
      return;
    }
    if (this.matches('booked.idle')) return this.send({ type: 'CANCEL_BOOKING' });
    if (typed) this.say(textReply(this.messages.booking.nothingToCancel));
    else this.reprompt = 'stale';
  }

  private async reschedule(text: string): Promise<void> {
    await this.send({ type: 'RESCHEDULE' });
    const day = parseDay(text, this.services.clock());
    if (day) await this.send({ type: 'ANOTHER_DAY', day });
  }

  private async chooseSlot(id: string): Promise<void> {
    const slot = this.context.booking.offered.find((s) => s.id === id);
    if (slot) return this.send({ type: 'SLOT_CHOSEN', slot });
    this.reprompt = 'stale';
  }

  private actionForLabel(text: string): string | null {
    const { welcome, recommendation, booking } = this.messages;
    const labels: [string, string][] = [
      [welcome.choices.start, 'start'],
      [welcome.choices.ask, 'ask'],
      [welcome.choices.book, 'book'],
      [recommendation.actions.book, 'book'],
      [recommendation.actions.ask, 'ask'],
      [recommendation.actions.restart, 'restart'],
      [booking.bookedActions.reschedule, 'reschedule'],
      [booking.bookedActions.cancel, 'cancel-booking'],
    ];
    const wanted = text.trim().toLowerCase();
    return labels.find(([label]) => label.toLowerCase() === wanted)?.[1] ?? null;
  }

  private nextField(): ContactField | undefined {
    const { contact, skipped } = this.context.booking;
    return CONTACT_FIELDS.find((f) => contact[f] === undefined && !skipped.includes(f));
  }

  private helpText(): string {
    const pending = pendingQuestion(this.snapshot.value);
    if (!pending) return this.messages.help.general;
    return fill(this.messages.help.scoping, { questionHelp: this.services.questions[pending].help });
  }

  private now(): string {
    return this.services.clock().toISOString();
  }

  // ── what the user sees next ───────────────────────────────────────────

  private async renderPrompt(): Promise<void> {
    const changed = JSON.stringify(this.snapshot.value) !== this.startValue;
    if (this.promptShown) return;
    const variant: Reprompt = changed || this.forceFullPrompt ? 'full' : this.reprompt;
    if (variant === 'none') return;
    const { messages, channel } = this;
    const ctx = this.context;

    const pending = pendingQuestion(this.snapshot.value);
    if (pending) {
      this.say(questionPrompt({ question: pending, progress: progressOf(ctx, pending), variant }, messages, this.services.questions, channel));
      return;
    }
    if (this.matches('main.recommended')) {
      if (variant === 'full') this.say(recommendationMessage(assess(applicableAnswers(ctx.answers)), messages, channel));
      else if (variant !== 'resume') this.say(textReply(messages.recommendation.next));
      return;
    }
    if (this.matches('main.welcome')) {
      if (variant === 'stale' || variant === 'bad-card') this.say(welcomeMessage(messages, channel));
      return;
    }
    if (this.matches('booking.disclaimer')) return this.say(disclaimerPrompt(messages, channel));
    if (this.matches('booking.contact')) {
      const field = ctx.booking.consentAt ? this.nextField() : undefined;
      if (field) return this.say(fieldPrompt(field, messages, this.fieldProblem));
      return this.say(contactForm(messages, channel, this.services.config.privacy.noticeUrl, prefillFrom(channel)));
    }
    if (this.matches('booking.slot')) return this.renderSlots();
    if (this.matches('booking.confirm') && ctx.booking.chosen) return this.say(confirmPrompt(ctx.booking.chosen, messages, channel));
    if (this.matches('booked.idle') && ctx.booking.current) {
      this.say(bookingMessage(messages.booking.alreadyBooked, ctx.booking.current, messages, channel, true));
    }
  }

  private async renderSlots(): Promise<void> {
    const { booking: b } = this.context;
    const { messages, channel } = this;
    const slots = this.services.booking.offerSlots({ now: this.services.clock(), after: b.cursor.after, day: b.cursor.day });
    await this.send({ type: 'SLOTS_OFFERED', slots: slots.map(({ id, start, end }) => ({ id, start, end })) });
    let lead = b.slotTaken ? messages.booking.slotTaken : b.cursor.day ? fill(messages.booking.slotPromptDay, { day: b.cursor.day }) : messages.booking.slotPrompt;
    if (slots.length === 0) lead = b.cursor.after || b.cursor.day ? messages.booking.noSlots : messages.booking.noSlotsAtAll;
    this.say(slotPrompt(slots, lead, messages, channel));
  }
}

/** The channel's idea of the user's name and email, shown in the form for the user to confirm; not kept. */
function prefillFrom(channel: ChannelInfo): { name?: string; email?: string } {
  const { name, email } = channel.identity ?? {};
  return { ...(name ? { name } : {}), ...(email ? { email } : {}) };
}

function formatWhen(booking: BookingSummary): string {
  return formatSlot(booking, 'Europe/London');
}

function wireBooking(b: BookingSummary) {
  return { id: b.id, start: b.start, end: b.end, status: b.status, ics: b.ics };
}
