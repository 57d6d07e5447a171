-- The conversion funnel (src/funnel): counts per day, channel and metric, nothing personal;
-- misunderstood messages with contact details masked.
CREATE TABLE funnel_counts (
  day     date NOT NULL,
  channel text NOT NULL,
  metric  text NOT NULL,
  count   integer NOT NULL,
  PRIMARY KEY (day, channel, metric)
);
CREATE TABLE funnel_misses (
  seq      bigserial PRIMARY KEY,
  at       timestamptz NOT NULL,
  channel  text NOT NULL,
  question text,
  text     text NOT NULL
);
CREATE INDEX funnel_misses_by_time ON funnel_misses (at);
