import { assign, setup } from 'xstate';
import { CONTACT_FIELDS, OPTIONAL_CONTACT_FIELDS } from '../../src/contact/contact';
import { isApplicable, QUESTION_ORDER, QuestionId } from '../../src/scoping/questions';
import type { BookingContext, ScopingContext, ScopingEvent } from './types';

/**
 * The conversation as a pure state machine. It decides what comes next and
 * nothing else: no I/O, no clock. States named `registering`, `committing`,
 * `cancelling` and `erasing` are effect states: the turn handler performs the
 * effect (store a lead, book, cancel, erase) and reports back with an event.
 */

export const MACHINE_VERSION = 2;

const emptyBooking = (): BookingContext => ({
  disclaimerAcceptedAt: null,
  contact: {},
  consentAt: null,
  skipped: [],
  leadId: null,
  cursor: {},
  offered: [],
  chosen: null,
  slotTaken: false,
  rescheduling: false,
  current: null,
  personalEmailAsked: null,
  personalEmailAllowed: false,
  personalEmail: false,
});

export const initialContext = (): ScopingContext => ({
  answers: {},
  asked: [],
  volunteered: [],
  misses: 0,
  offTopic: 0,
  booking: emptyBooking(),
  words: {},
  proposal: null,
  unsure: null,
});

const needsAnswer = (context: ScopingContext, question: QuestionId) =>
  context.answers[question] === undefined && isApplicable(question, context.answers);

/** Drops `question` and everything learnt after it from the record of what was asked. */
function undoLast(context: ScopingContext): Pick<ScopingContext, 'answers' | 'asked' | 'words' | 'proposal'> {
  const asked = context.asked.slice(0, -1);
  const last = context.asked[context.asked.length - 1];
  const answers = { ...context.answers };
  const words = { ...context.words };
  if (last) {
    delete answers[last];
    delete words[last];
  }
  return { answers, asked, words, proposal: null };
}

/** Forgets one answer so its question is asked again; its place in the order asked is kept. */
function forget(context: ScopingContext, question: QuestionId): Partial<ScopingContext> {
  const answers = { ...context.answers };
  delete answers[question];
  const words = { ...context.words };
  delete words[question];
  return { answers, words, volunteered: context.volunteered.filter((q) => q !== question), proposal: null };
}

function contactComplete(booking: BookingContext): boolean {
  if (!booking.consentAt) return false;
  return CONTACT_FIELDS.every(
    (field) => booking.contact[field] !== undefined || (OPTIONAL_CONTACT_FIELDS.includes(field) && booking.skipped.includes(field)),
  );
}

const questionStates = Object.fromEntries(
  QUESTION_ORDER.map((question) => [question, { entry: 'resetMisses' as const }]),
) as Record<QuestionId, { entry: 'resetMisses' }>;

export const scopingMachine = setup({
  types: {
    context: {} as ScopingContext,
    events: {} as ScopingEvent,
  },
  guards: {
    needsAnswer: ({ context }, params: { question: QuestionId }) => needsAnswer(context, params.question),
    answersPendingQuestion: ({ context, event }, params: { pending: QuestionId }) =>
      event.type === 'ANSWER' && event.question === params.pending && needsAnswer(context, params.pending),
    hasAskedQuestion: ({ context }) => context.asked.length > 0,
    /** Yes to "Just to check": the value proposed, for the question proposed (pending or a correction). */
    confirmsProposal: ({ context, event }) =>
      event.type === 'ANSWER' && context.proposal?.question === event.question && context.proposal.value === event.value,
    hasProposal: ({ context }) => context.proposal !== null,
    isAnswered: ({ context, event }) => event.type === 'REVISE' && context.answers[event.question] !== undefined,
    isSureOfRestart: ({ context }) => context.unsure === 'restart',
    isSureOfDeletion: ({ context }) => context.unsure === 'delete-data',
    hasLead: ({ context }) => context.booking.leadId !== null,
    hasConfirmedBooking: ({ context }) => context.booking.current?.status === 'confirmed',
    contactComplete: ({ context }) => contactComplete(context.booking),
    isFieldBeingAsked: ({ context, event }) =>
      (event.type === 'CONTACT_FIELD' ||
        event.type === 'CONTACT_FIELD_SKIPPED' ||
        event.type === 'PERSONAL_EMAIL_ASKED' ||
        event.type === 'PERSONAL_EMAIL_ALLOWED') &&
      context.booking.consentAt !== null,
  },
  actions: {
    resetMisses: assign({ misses: 0 }),
    countMiss: assign({ misses: ({ context }) => context.misses + 1 }),
    countOffTopic: assign({ offTopic: ({ context }) => context.offTopic + 1 }),
    resetOffTopic: assign({ offTopic: 0 }),
    recordAnswer: assign(({ context, event }) => {
      if (event.type !== 'ANSWER') return {};
      const words = { ...context.words };
      if (event.words) words[event.question] = event.words;
      else delete words[event.question];
      // A question keeps its place in the order asked when it is answered again (a correction).
      const known = context.asked.includes(event.question) || context.volunteered.includes(event.question);
      const inPassing = context.proposal?.question === event.question && context.proposal.inPassing === true && !known;
      return {
        answers: { ...context.answers, [event.question]: event.value },
        asked: known || inPassing ? context.asked : [...context.asked, event.question],
        volunteered: inPassing ? [...context.volunteered, event.question] : context.volunteered,
        words,
        proposal: null,
      };
    }),
    propose: assign(({ event }) => (event.type === 'PROPOSE' ? { proposal: event.proposal } : {})),
    /** "Change": a correction not confirmed re-asks its question; a pending question is simply asked again. */
    dropProposal: assign(({ context }) => {
      const question = context.proposal?.question;
      if (question && context.answers[question] !== undefined) return forget(context, question);
      return { proposal: null };
    }),
    revise: assign(({ context, event }) => (event.type === 'REVISE' ? forget(context, event.question) : {})),
    askSure: assign(({ event }) => (event.type === 'ASK_SURE' ? { unsure: event.command } : {})),
    notSure: assign({ unsure: null }),
    recordFacts: assign(({ context, event }) => {
      if (event.type !== 'FACTS') return {};
      const answers = { ...context.answers };
      const volunteered = [...context.volunteered];
      const words = { ...context.words };
      for (const question of QUESTION_ORDER) {
        const value = event.answers[question];
        // A volunteered fact fills an open question; it never overwrites an answer the user gave.
        if (value !== undefined && answers[question] === undefined) {
          (answers as Record<string, string>)[question] = value;
          volunteered.push(question);
          if (event.words) words[question] = event.words;
        }
      }
      return { answers, volunteered, words };
    }),
    undoLastAnswer: assign(({ context }) => undoLast(context)),
    resetScoping: assign(({ context }) => ({ ...initialContext(), booking: context.booking })),
    resetEverything: assign(() => initialContext()),
    acceptDisclaimer: assign(({ context, event }) =>
      event.type === 'DISCLAIMER_ACCEPTED' ? { booking: { ...context.booking, disclaimerAcceptedAt: event.at } } : {},
    ),
    startBooking: assign(({ context, event }) => ({
      booking: {
        ...context.booking,
        disclaimerAcceptedAt: null,
        cursor: event.type === 'BOOK' && event.window ? { window: event.window } : {},
        chosen: null,
        slotTaken: false,
        rescheduling: false,
      },
    })),
    giveConsent: assign(({ context, event }) =>
      event.type === 'CONSENT_GIVEN' ? { booking: { ...context.booking, consentAt: event.at } } : {},
    ),
    dropContact: assign(({ context }) => ({
      booking: { ...context.booking, contact: {}, consentAt: null, skipped: [], personalEmailAsked: null, personalEmail: false },
    })),
    notePersonalEmail: assign(({ context, event }) => {
      if (event.type === 'PERSONAL_EMAIL_ASKED') return { booking: { ...context.booking, personalEmailAsked: event.email } };
      if (event.type === 'PERSONAL_EMAIL_ALLOWED') return { booking: { ...context.booking, personalEmailAllowed: true } };
      return {};
    }),
    recordField: assign(({ context, event }) => {
      if (event.type === 'CONTACT_FIELD') {
        const personalEmail = event.field === 'email' ? event.personal === true : context.booking.personalEmail;
        return { booking: { ...context.booking, contact: { ...context.booking.contact, [event.field]: event.value }, personalEmail } };
      }
      if (event.type === 'CONTACT_FIELD_SKIPPED' && OPTIONAL_CONTACT_FIELDS.includes(event.field)) {
        return { booking: { ...context.booking, skipped: [...context.booking.skipped, event.field] } };
      }
      return {};
    }),
    recordContact: assign(({ context, event }) =>
      event.type === 'CONTACT_SUBMITTED'
        ? {
            booking: {
              ...context.booking,
              contact: event.contact,
              consentAt: event.at,
              skipped: OPTIONAL_CONTACT_FIELDS.filter((field) => event.contact[field] === undefined),
              personalEmail: event.personal === true,
            },
          }
        : {},
    ),
    recordLead: assign(({ context, event }) =>
      event.type === 'LEAD_REGISTERED' ? { booking: { ...context.booking, leadId: event.leadId } } : {},
    ),
    pageSlots: assign(({ context, event }) => {
      if (event.type === 'MORE_SLOTS') return { booking: { ...context.booking, cursor: { after: event.after }, slotTaken: false } };
      if (event.type === 'ANOTHER_DAY') return { booking: { ...context.booking, cursor: { day: event.day }, slotTaken: false } };
      if (event.type === 'NARROW_SLOTS') return { booking: { ...context.booking, cursor: { window: event.window }, slotTaken: false } };
      return {};
    }),
    recordOffer: assign(({ context, event }) =>
      event.type === 'SLOTS_OFFERED' ? { booking: { ...context.booking, offered: event.slots } } : {},
    ),
    chooseSlot: assign(({ context, event }) =>
      event.type === 'SLOT_CHOSEN' ? { booking: { ...context.booking, chosen: event.slot, slotTaken: false } } : {},
    ),
    noteSlotTaken: assign(({ context }) => ({ booking: { ...context.booking, chosen: null, slotTaken: true, cursor: {} } })),
    recordBooking: assign(({ context, event }) =>
      event.type === 'BOOKED' || event.type === 'BOOKING_CANCELLED'
        ? { booking: { ...context.booking, current: event.booking, chosen: null, rescheduling: false, slotTaken: false } }
        : {},
    ),
    startReschedule: assign(({ context }) => ({
      booking: { ...context.booking, rescheduling: true, cursor: {}, chosen: null, slotTaken: false },
    })),
  },
}).createMachine({
  id: 'scoping',
  initial: 'main',
  context: initialContext,
  states: {
    main: {
      initial: 'welcome',
      states: {
        welcome: {},
        scoping: {
          initial: 'route',
          states: {
            route: {
              always: [
                ...QUESTION_ORDER.map((question) => ({
                  guard: { type: 'needsAnswer' as const, params: { question } },
                  target: question,
                })),
                { target: '#scoping.main.recommended' },
              ],
            },
            ...questionStates,
          },
          on: {
            ANSWER: [
              // Yes to a confirm-back records the value proposed, which may correct an earlier answer.
              { guard: 'confirmsProposal', actions: 'recordAnswer', target: '.route' },
              ...QUESTION_ORDER.map((pending) => ({
                guard: {
                  type: 'answersPendingQuestion' as const,
                  params: { pending },
                },
                // Only the question on screen can be answered; a click on an old card changes nothing.
                actions: 'recordAnswer' as const,
                target: `.route`,
              })),
            ],
            UNMAPPED: { actions: 'countMiss' },
            FACTS: { actions: 'recordFacts', target: '.route' },
            BACK: { guard: 'hasAskedQuestion', actions: 'undoLastAnswer', target: '.route' },
          },
        },
        recommended: {
          on: {
            BACK: { guard: 'hasAskedQuestion', actions: 'undoLastAnswer', target: 'scoping' },
            // A confirmed correction re-derives everything after it: new questions, or a new recommendation.
            ANSWER: { guard: 'confirmsProposal', actions: 'recordAnswer', target: 'scoping' },
          },
        },
        hist: { type: 'history', history: 'deep' },
      },
      on: {
        START: { target: '.scoping' },
        FACTS: { actions: 'recordFacts' },
        PROPOSE: { actions: 'propose' },
        CHANGE: { guard: 'hasProposal', actions: 'dropProposal', target: '.scoping' },
        REVISE: { guard: 'isAnswered', actions: 'revise', target: '.scoping' },
        BOOK: [
          { guard: 'hasConfirmedBooking', target: '#scoping.booked' },
          { actions: 'startBooking', target: '#scoping.booking' },
        ],
      },
    },
    booking: {
      initial: 'disclaimer',
      states: {
        disclaimer: {
          on: {
            DISCLAIMER_ACCEPTED: [
              { guard: 'hasLead', actions: 'acceptDisclaimer', target: 'slot' },
              { actions: 'acceptDisclaimer', target: 'contact' },
            ],
            DISCLAIMER_DECLINED: '#scoping.main.hist',
          },
        },
        contact: {
          always: { guard: 'contactComplete', target: 'registering' },
          on: {
            CONSENT_GIVEN: { actions: 'giveConsent', target: 'contact', reenter: true },
            CONSENT_REFUSED: { actions: 'dropContact', target: '#scoping.main.hist' },
            CONTACT_FIELD: { guard: 'isFieldBeingAsked', actions: 'recordField', target: 'contact', reenter: true },
            CONTACT_FIELD_SKIPPED: { guard: 'isFieldBeingAsked', actions: 'recordField', target: 'contact', reenter: true },
            CONTACT_SUBMITTED: { actions: 'recordContact', target: 'registering' },
            PERSONAL_EMAIL_ASKED: { guard: 'isFieldBeingAsked', actions: 'notePersonalEmail' },
            PERSONAL_EMAIL_ALLOWED: { guard: 'isFieldBeingAsked', actions: 'notePersonalEmail' },
          },
        },
        registering: {
          on: { LEAD_REGISTERED: { actions: 'recordLead', target: 'slot' } },
        },
        slot: {
          on: {
            MORE_SLOTS: { actions: 'pageSlots', target: 'slot', reenter: true },
            ANOTHER_DAY: { actions: 'pageSlots', target: 'slot', reenter: true },
            NARROW_SLOTS: { actions: 'pageSlots', target: 'slot', reenter: true },
            SLOTS_OFFERED: { actions: 'recordOffer' },
            SLOT_CHOSEN: { actions: 'chooseSlot', target: 'confirm' },
          },
        },
        confirm: {
          on: {
            CONFIRM_YES: 'committing',
            CONFIRM_NO: 'slot',
          },
        },
        committing: {
          on: {
            BOOKED: { actions: 'recordBooking', target: '#scoping.booked' },
            SLOT_TAKEN: { actions: 'noteSlotTaken', target: 'slot' },
          },
        },
      },
      on: {
        // Walking away from an unfinished booking returns to where the user was.
        CANCEL_BOOKING: [
          { guard: 'hasConfirmedBooking', target: '#scoping.booked' },
          { target: '#scoping.main.hist' },
        ],
      },
    },
    booked: {
      initial: 'idle',
      states: {
        idle: {
          on: {
            CANCEL_BOOKING: 'cancelling',
            RESCHEDULE: { actions: 'startReschedule', target: '#scoping.booking.slot' },
            BOOK: { target: 'idle', reenter: true },
          },
        },
        cancelling: {
          on: { BOOKING_CANCELLED: { actions: 'recordBooking', target: '#scoping.main.hist' } },
        },
      },
      on: {
        START: { target: '#scoping.main.scoping' },
      },
    },
    erasing: {
      on: { DATA_ERASED: { actions: 'resetEverything', target: 'main' } },
    },
  },
  on: {
    // Destructive commands only act once the visitor has said yes to "Are you sure?".
    ASK_SURE: { actions: 'askSure' },
    NOT_SURE: { actions: 'notSure' },
    RESTART: { guard: 'isSureOfRestart', actions: 'resetScoping', target: '.main.scoping' },
    OFF_TOPIC: { actions: 'countOffTopic' },
    ON_TOPIC: { actions: 'resetOffTopic' },
    DELETE_DATA: { guard: 'isSureOfDeletion', actions: 'notSure', target: '.erasing' },
  },
});

export type ScopingMachine = typeof scopingMachine;
