-- The self-hosted website channel's transcript, shared by every instance (src/channels/directline/transcript-postgres.ts).
-- A conversation's next sequence is taken by UPDATE … RETURNING, which holds the row lock until commit:
-- appends to one conversation commit in sequence order, so a reader never sees 6 without 5.
CREATE TABLE directline_conversations (
  id         text PRIMARY KEY,
  user_id    text NOT NULL,
  started    boolean NOT NULL DEFAULT false,
  last_seq   integer NOT NULL DEFAULT 0,
  token_gen  integer NOT NULL DEFAULT 0,
  expires_at bigint NOT NULL
);
CREATE INDEX directline_conversations_by_expiry ON directline_conversations (expires_at);

CREATE TABLE directline_activities (
  conversation_id text NOT NULL REFERENCES directline_conversations(id) ON DELETE CASCADE,
  seq             integer NOT NULL,
  activity_id     text,
  body            text NOT NULL,
  PRIMARY KEY (conversation_id, seq)
);
