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

export const MACHINE_VERSION = 1;

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
});

export const initialContext = (): ScopingContext => ({
  answers: {},
  asked: [],
  volunteered: [],
  misses: 0,
  offTopic: 0,
  booking: emptyBooking(),
});

const needsAnswer = (context: ScopingContext, question: QuestionId) =>
  context.answers[question] === undefined && isApplicable(question, context.answers);

/** Drops `question` and everything learnt after it from the record of what was asked. */
function undoLast(context: ScopingContext): Pick<ScopingContext, 'answers' | 'asked'> {
  const asked = context.asked.slice(0, -1);
  const last = context.asked[context.asked.length - 1];
  const answers = { ...context.answers };
  if (last) delete answers[last];
  return { answers, asked };
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
    hasLead: ({ context }) => context.booking.leadId !== null,
    hasConfirmedBooking: ({ context }) => context.booking.current?.status === 'confirmed',
    contactComplete: ({ context }) => contactComplete(context.booking),
    isFieldBeingAsked: ({ context, event }) =>
      (event.type === 'CONTACT_FIELD' || event.type === 'CONTACT_FIELD_SKIPPED') && context.booking.consentAt !== null,
  },
  actions: {
    resetMisses: assign({ misses: 0 }),
    countMiss: assign({ misses: ({ context }) => context.misses + 1 }),
    countOffTopic: assign({ offTopic: ({ context }) => context.offTopic + 1 }),
    resetOffTopic: assign({ offTopic: 0 }),
    recordAnswer: assign(({ context, event }) => {
      if (event.type !== 'ANSWER') return {};
      return {
        answers: { ...context.answers, [event.question]: event.value },
        asked: [...context.asked.filter((q) => q !== event.question), event.question],
      };
    }),
    recordFacts: assign(({ context, event }) => {
      if (event.type !== 'FACTS') return {};
      const answers = { ...context.answers };
      const volunteered = [...context.volunteered];
      for (const question of QUESTION_ORDER) {
        const value = event.answers[question];
        // A volunteered fact fills an open question; it never overwrites an answer the user gave.
        if (value !== undefined && answers[question] === undefined) {
          (answers as Record<string, string>)[question] = value;
          volunteered.push(question);
        }
      }
      return { answers, volunteered };
    }),
    undoLastAnswer: assign(({ context }) => undoLast(context)),
    resetScoping: assign(({ context }) => ({ ...initialContext(), booking: context.booking })),
    resetEverything: assign(() => initialContext()),
    // The FAQ asked go to the practitioner's brief (ids only; kept once each, in order).
    noteFaq: assign(({ context, event }) =>
      event.type === 'FAQ_ASKED' && !(context.faqAsked ?? []).includes(event.faq) ? { faqAsked: [...(context.faqAsked ?? []), event.faq] } : {},
    ),
    acceptDisclaimer: assign(({ context, event }) =>
      event.type === 'DISCLAIMER_ACCEPTED' ? { booking: { ...context.booking, disclaimerAcceptedAt: event.at } } : {},
    ),
    startBooking: assign(({ context }) => ({
      booking: { ...context.booking, disclaimerAcceptedAt: null, cursor: {}, chosen: null, slotTaken: false, rescheduling: false },
    })),
    giveConsent: assign(({ context, event }) =>
      event.type === 'CONSENT_GIVEN' ? { booking: { ...context.booking, consentAt: event.at } } : {},
    ),
    dropContact: assign(({ context }) => ({ booking: { ...context.booking, contact: {}, consentAt: null, skipped: [] } })),
    recordField: assign(({ context, event }) => {
      if (event.type === 'CONTACT_FIELD') {
        return { booking: { ...context.booking, contact: { ...context.booking.contact, [event.field]: event.value } } };
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
            ANSWER: QUESTION_ORDER.map((pending) => ({
              guard: {
                type: 'answersPendingQuestion' as const,
                params: { pending },
              },
              // Only the question on screen can be answered; a click on an old card changes nothing.
              actions: 'recordAnswer' as const,
              target: `.route`,
            })),
            UNMAPPED: { actions: 'countMiss' },
            FACTS: { actions: 'recordFacts', target: '.route' },
            BACK: { guard: 'hasAskedQuestion', actions: 'undoLastAnswer', target: '.route' },
          },
        },
        recommended: {
          on: {
            BACK: { guard: 'hasAskedQuestion', actions: 'undoLastAnswer', target: 'scoping' },
          },
        },
        hist: { type: 'history', history: 'deep' },
      },
      on: {
        START: { target: '.scoping' },
        FACTS: { actions: 'recordFacts' },
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
          },
        },
        registering: {
          on: { LEAD_REGISTERED: { actions: 'recordLead', target: 'slot' } },
        },
        slot: {
          on: {
            MORE_SLOTS: { actions: 'pageSlots', target: 'slot', reenter: true },
            ANOTHER_DAY: { actions: 'pageSlots', target: 'slot', reenter: true },
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
    RESTART: { actions: 'resetScoping', target: '.main.scoping' },
    OFF_TOPIC: { actions: 'countOffTopic' },
    ON_TOPIC: { actions: 'resetOffTopic' },
    FAQ_ASKED: { actions: 'noteFaq' },
    DELETE_DATA: '.erasing',
  },
});

export type ScopingMachine = typeof scopingMachine;
