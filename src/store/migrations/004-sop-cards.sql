-- SOP cards: every card push (card, rep, customer, trigger, time), the rep's feedback on it,
-- and the append-only retire/restore record of cards (the cards themselves are files in templates/sop).

CREATE TABLE sop_pushes (
  id            INTEGER PRIMARY KEY,
  card_id       TEXT NOT NULL,
  card_version  INTEGER NOT NULL,
  user_id       TEXT NOT NULL REFERENCES users(id),
  customer_id   TEXT NOT NULL REFERENCES customers(id),
  trigger       TEXT NOT NULL CHECK (trigger IN ('customer_view', 'stage_change', 'signal', 'new_hire')),
  -- What set it off: the new stage, or the signal ('tender/positive#123').
  detail        TEXT,
  -- The 为什么推荐 line as the rep saw it.
  reason        TEXT NOT NULL,
  learning      INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL,
  -- When the rep could first see it (later than created_at when held by quiet hours).
  deliver_at    INTEGER NOT NULL,
  reminded_at   INTEGER
);
CREATE INDEX sop_pushes_user_customer ON sop_pushes(user_id, customer_id, created_at);
CREATE INDEX sop_pushes_user_card ON sop_pushes(user_id, card_id, created_at);
CREATE INDEX sop_pushes_time ON sop_pushes(created_at);
CREATE INDEX sop_pushes_unreminded ON sop_pushes(deliver_at) WHERE reminded_at IS NULL;

-- One answer per push; a second /反馈 on the same push replaces the first.
CREATE TABLE sop_feedback (
  push_id  INTEGER PRIMARY KEY REFERENCES sop_pushes(id),
  verdict  TEXT NOT NULL CHECK (verdict IN ('full', 'partial', 'none')),
  reason   TEXT,
  at       INTEGER NOT NULL
);

CREATE TABLE sop_card_events (
  id       INTEGER PRIMARY KEY,
  card_id  TEXT NOT NULL,
  action   TEXT NOT NULL CHECK (action IN ('retire', 'restore')),
  -- The review month ('YYYY-MM') for retirements by the monthly job.
  period   TEXT,
  -- Who did it; NULL for the monthly job.
  actor    TEXT,
  -- The figures behind a retirement (JSON).
  detail   TEXT,
  at       INTEGER NOT NULL
);
CREATE INDEX sop_card_events_card ON sop_card_events(card_id, id);
