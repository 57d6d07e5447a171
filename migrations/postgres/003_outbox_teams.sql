-- Outboxes (src/outbox/postgres.ts): claimed with FOR UPDATE SKIP LOCKED.
CREATE TABLE outbox (
  seq             bigserial NOT NULL,
  topic           text NOT NULL,
  key             text NOT NULL,
  payload         jsonb NOT NULL,
  version         integer NOT NULL DEFAULT 1,
  attempts        integer NOT NULL DEFAULT 0,
  enqueued_at     timestamptz NOT NULL,
  next_attempt_at timestamptz NOT NULL,
  expires_at      timestamptz NOT NULL,
  last_failure    text,
  PRIMARY KEY (topic, key)
);
CREATE INDEX outbox_due ON outbox (topic, next_attempt_at);
CREATE INDEX outbox_expiry ON outbox (expires_at);

-- Teams: where briefs go, and who marked a lead contacted (src/channels/teams/store/postgres.ts).
CREATE TABLE teams_destinations (
  name          text PRIMARY KEY,
  reference     jsonb NOT NULL,
  registered_by text NOT NULL,
  registered_at timestamptz NOT NULL
);
CREATE TABLE teams_lead_contacts (
  lead_id      text PRIMARY KEY,
  contacted_by text NOT NULL,
  by_name      text NOT NULL,
  contacted_at text NOT NULL
);
