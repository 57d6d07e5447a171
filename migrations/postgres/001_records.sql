-- Leads, consents, bookings and calendar tokens (src/records/postgres.ts).
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE consents (
  id             text PRIMARY KEY,
  given_at       text NOT NULL,
  notice_version text NOT NULL
);

-- A lead cannot exist without its consent record. `seq` keeps the order registered.
CREATE TABLE leads (
  seq             bigserial NOT NULL UNIQUE,
  id              text PRIMARY KEY,
  consent_id      text NOT NULL UNIQUE REFERENCES consents(id),
  conversation_id text NOT NULL,
  channel_id      text NOT NULL,
  name            text NOT NULL,
  email           text NOT NULL,
  organisation    text NOT NULL,
  role            text,
  phone           text,
  answers         jsonb NOT NULL,
  assessment      jsonb,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE INDEX leads_by_conversation ON leads (conversation_id);
CREATE INDEX leads_by_created ON leads (created_at);

-- lead_id is NULL once the lead is erased: the row then only serves the iCalendar cancel.
-- busy_until = end_at + the buffer kept free after a call, so the database itself refuses
-- two confirmed calls of one practitioner whose buffered spans overlap.
CREATE TABLE bookings (
  seq          bigserial NOT NULL,
  id           text PRIMARY KEY,
  lead_id      text REFERENCES leads(id),
  practitioner text NOT NULL,
  start_at     timestamptz NOT NULL,
  end_at       timestamptz NOT NULL,
  busy_until   timestamptz NOT NULL,
  status       text NOT NULL CHECK (status IN ('confirmed', 'cancelled')),
  sequence     integer NOT NULL DEFAULT 0,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  CHECK (end_at > start_at),
  CHECK (busy_until >= end_at),
  CONSTRAINT bookings_no_overlap EXCLUDE USING gist (practitioner WITH =, tstzrange(start_at, busy_until) WITH &&) WHERE (status = 'confirmed')
);
CREATE UNIQUE INDEX bookings_one_active_per_lead ON bookings (lead_id) WHERE status = 'confirmed' AND lead_id IS NOT NULL;
CREATE INDEX bookings_by_lead ON bookings (lead_id);
CREATE INDEX bookings_active_by_time ON bookings (start_at) WHERE status = 'confirmed';

-- Calendar links carry a random token; only its SHA-256 is kept.
CREATE TABLE calendar_tokens (
  token_hash text PRIMARY KEY,
  booking_id text NOT NULL REFERENCES bookings(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL
);
