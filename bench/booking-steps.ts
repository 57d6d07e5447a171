import http from 'node:http';
import { testConfig } from '../src/config/config';
import { createLogger } from '../src/server/logger';
import { startServer } from '../src/server/app';
import { Conversation, promptIn, recommendationIn } from '../test/http/client';
import { bookingIn, bookingSteps, MONDAY, slotsIn } from '../test/http/booking-flow';
import { SCENARIOS } from '../test/http/scenarios';
import { figure, section } from './report';

/**
 * The booking steps over HTTP, one conversation at a time so each figure is a
 * turn's own time: the clock is fixed on a Monday morning (slots exist), and
 * there are as many practitioners as bookings, so every pick can be confirmed.
 */
export async function benchBookingSteps(options: { bookings: number; dataDir: string }): Promise<void> {
  const agent = new http.Agent({ keepAlive: true });
  const practitioners = Array.from({ length: options.bookings }, (_v, i) => `practitioner-${i + 1}`).join(',');
  const server = await startServer(
    testConfig({ DATA_DIR: options.dataDir, PORT: '0', HOST: '127.0.0.1', BOOKING_PRACTITIONERS: practitioners }),
    { clock: () => MONDAY, logger: createLogger('silent') },
  );
  const steps = { book: [] as number[], disclaimer: [] as number[], contact: [] as number[], slot: [] as number[], confirm: [] as number[] };
  const time = async <T>(into: number[], work: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    const result = await work();
    into.push(performance.now() - start);
    return result;
  };
  let confirmed = 0;
  try {
    const scenario = SCENARIOS.find((s) => s.expected.tier === 'hot')!;
    for (let n = 0; n < options.bookings; n += 1) {
      const conversation = new Conversation(server.url, { id: `booking-${n}`, channelId: 'bench', agent });
      await conversation.join();
      let replies = await conversation.start();
      while (!recommendationIn(replies)) {
        const prompt = promptIn(replies)!;
        replies = await conversation.click(prompt.question, scenario.answers[prompt.question]);
      }
      await time(steps.book, () => bookingSteps.book(conversation));
      await time(steps.disclaimer, () => bookingSteps.acceptDisclaimer(conversation));
      const slots = slotsIn(await time(steps.contact, () => bookingSteps.submitContact(conversation, n)));
      if (slots.length === 0) throw new Error(`booking-${n}: no slots offered`);
      await time(steps.slot, () => bookingSteps.pickSlot(conversation, slots[n % slots.length].id));
      const booking = bookingIn(await time(steps.confirm, () => bookingSteps.confirm(conversation)));
      if (booking?.status === 'confirmed') confirmed += 1;
    }
  } finally {
    agent.destroy();
    await server.stop();
  }
  section(`Booking steps over HTTP: ${options.bookings} conversations one at a time, each step's median and spread over them (${confirmed}/${options.bookings} confirmed)`);
  figure('"Book a call" click', steps.book, 'ms', { digits: 2 });
  figure('disclaimer accept', steps.disclaimer, 'ms', { digits: 2 });
  figure('contact card submit (→ slots)', steps.contact, 'ms', { digits: 2 });
  figure('slot pick', steps.slot, 'ms', { digits: 2 });
  figure('confirm (books, → .ics link)', steps.confirm, 'ms', { digits: 2 });
}
