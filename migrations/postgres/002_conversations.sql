-- Conversation state: botbuilder Storage with eTag writes (src/storage/postgres-storage.ts).
CREATE TABLE conversation_state (
  key        text PRIMARY KEY,
  doc        text NOT NULL,
  etag       text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conversation_state_by_updated ON conversation_state (updated_at);
