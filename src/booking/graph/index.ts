import type { GraphConfig, Practitioner } from '../../config/config';
import type { OutboxStore } from '../../outbox/types';
import type { BusyResult, CalendarProvider } from '../provider/types';
import { GraphClient, type GraphClientOptions, GraphError } from './client';
import { type BookingSource, type EventLog, GraphEvents } from './events';
import type { EventLinks } from './links';
import { GraphSchedule } from './schedule';

export { GraphClient, GraphCredentialsError, GraphError } from './client';
export { EVENT_TOPIC, type BookingSnapshot, type BookingSource } from './events';
export { PostgresEventLinks, SqliteEventLinks, type EventLinks } from './links';

/** The `graph` calendar provider: busy times from getSchedule, bookings mirrored as events through the outbox. */

const RETRY_TICK_MS = 15_000;

export interface GraphCalendarDeps {
  config: GraphConfig;
  practitioners: readonly Practitioner[];
  horizonDays: number;
  outbox: OutboxStore;
  links: EventLinks;
  bookings: BookingSource;
  clock: () => Date;
  log: EventLog & ((event: string, fields: { failure?: string }) => void);
  client?: GraphClientOptions;
}

export class GraphCalendar implements CalendarProvider {
  readonly kind = 'graph' as const;
  readonly client: GraphClient;
  private readonly schedule: GraphSchedule;
  readonly events: GraphEvents;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: GraphCalendarDeps) {
    this.client = new GraphClient(deps.config, deps.client);
    this.schedule = new GraphSchedule({
      client: this.client,
      practitioners: deps.practitioners,
      horizonDays: deps.horizonDays,
      clock: deps.clock,
      onRefreshFailed: (error) => deps.log('calendar busy times not read', { failure: `${error.status ?? ''} ${error.code}`.trim() }),
    });
    this.events = new GraphEvents({ client: this.client, outbox: deps.outbox, links: deps.links, bookings: deps.bookings, practitioners: deps.practitioners, clock: deps.clock, log: deps.log });
  }

  busy(options: { fresh?: boolean } = {}): Promise<BusyResult> {
    return this.schedule.busy(options.fresh ?? false);
  }

  async changed(booking: { id: string; end: string }): Promise<void> {
    await this.events.enqueue(booking);
    if (this.timer) setImmediate(() => void this.flushQuietly());
  }

  async joinUrl(bookingId: string): Promise<string | null> {
    return (await this.deps.links.get(bookingId))?.joinUrl ?? null;
  }

  /** Throws GraphCredentialsError when the tenant refuses the app: start-up stops there, not in a visitor's turn. */
  async start(): Promise<void> {
    try {
      await this.client.token();
    } catch (error) {
      // A refusal is the operator's to fix now; an outage is not: offers then rest on our records and the outbox retries.
      if (!(error instanceof GraphError)) throw error;
      this.deps.log('calendar: Microsoft Graph not reachable at start-up; bookings go ahead and events follow', { failure: error.code });
    }
    await this.schedule.busy(true);
    this.timer = setInterval(() => void this.flushQuietly(), RETRY_TICK_MS);
    this.timer.unref();
    setImmediate(() => void this.flushQuietly());
  }

  flush() {
    return this.events.flush();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.events.idle();
    await this.deps.links.close();
  }

  private flushQuietly() {
    return this.events.flush().catch((error: Error) => this.deps.log('calendar outbox failed', { failure: error.name }));
  }
}
