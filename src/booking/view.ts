import { calendarUrlPath } from './calendar';
import type { BookingRecord, BookingRows } from './store/types';

/** A booking as the conversation shows it, with a calendar link. */
export interface BookingView {
  id: string;
  start: string;
  end: string;
  status: 'confirmed' | 'cancelled';
  /** `/calendar/<bookingId>.ics?token=<token>`; a fresh token each time, all stay valid. */
  icsUrlPath: string;
  practitioner: string;
}

export async function viewOf(rows: BookingRows, b: BookingRecord, now: Date): Promise<BookingView> {
  const token = await rows.issueToken(b.id, now.toISOString());
  return { id: b.id, start: b.start, end: b.end, status: b.status, icsUrlPath: calendarUrlPath(b.id, token), practitioner: b.practitioner };
}

/** The active booking if there is one, else the latest by start (bookings ordered by start). */
export function latestOf(bookings: readonly BookingRecord[]): BookingRecord | null {
  return bookings.filter((b) => b.status === 'confirmed').at(-1) ?? bookings.at(-1) ?? null;
}
