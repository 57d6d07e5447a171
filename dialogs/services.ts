import type { QuestionContent } from '../src/answers/question-content';
import type { BookingService } from '../src/booking/service';
import type { LeadService } from '../src/leads/service';
import type { Config } from '../src/config/config';
import type { Messages } from '../src/content/copy';
import type { IntentContent } from '../src/intents/content';
import type { Recogniser } from '../src/intents/recogniser';
import type { LeadEvents } from '../src/webhook/feed';
import type { FunnelRecorder } from '../src/funnel/recorder';
import type { Handoff } from '../src/leads/handoff';

/** Everything a turn needs from outside the machine, loaded once at start-up. */
export interface TurnServices {
  config: Config;
  messages: Messages;
  questions: QuestionContent;
  intents: IntentContent;
  recogniser: Recogniser;
  booking: BookingService;
  leads: LeadService;
  clock: () => Date;
  /** Counts each stored turn into the conversion funnel (src/funnel); absent: nothing is counted. */
  funnel?: FunnelRecorder;
  /** "Talk to a person" (src/leads/handoff.ts); absent: the visitor is offered the call and the email address. */
  handoff?: Handoff;
  /** Lead and booking events for the CRM webhook (src/webhook); absent: none are sent. */
  leadEvents?: LeadEvents;
  /** Absolute base URL for links this server hands out (the iCalendar file). */
  baseUrl: () => string;
}
