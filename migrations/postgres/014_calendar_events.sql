-- Microsoft 365 events that mirror bookings (src/booking/graph/links.ts); numbered for issue 14.
CREATE TABLE calendar_events (
  booking_id text PRIMARY KEY,
  mailbox    text NOT NULL,
  event_id   text NOT NULL,
  join_url   text
);
