-- Conversation insight: flags on conversation records, group → customer bindings, the customer
-- a rep opened last, the one pending "which customer?" question per rep, and the log of daily
-- briefs that makes them exactly-once per person and business day.

-- Comma-separated: unknown_sender (kept, not attributed), truncated (text cut at the limit).
ALTER TABLE conversations ADD COLUMN flags TEXT;

CREATE TABLE group_bindings (
  -- '<channel>:<platform conversation id>'
  room_id      TEXT PRIMARY KEY,
  customer_id  TEXT NOT NULL REFERENCES customers(id),
  bound_by     TEXT REFERENCES users(id),
  bound_at     INTEGER NOT NULL
);

CREATE TABLE customer_opens (
  user_id      TEXT PRIMARY KEY REFERENCES users(id),
  customer_id  TEXT NOT NULL REFERENCES customers(id),
  opened_at    INTEGER NOT NULL
);

CREATE TABLE attribution_questions (
  user_id      TEXT PRIMARY KEY REFERENCES users(id),
  asked_at     INTEGER NOT NULL,
  -- The record that raised the question: the answer attributes it and later unattributed ones
  first_conversation_id INTEGER NOT NULL,
  -- JSON array of the customer ids offered, in the order they were numbered
  options      TEXT NOT NULL
);

CREATE TABLE briefs (
  user_id        TEXT NOT NULL REFERENCES users(id),
  business_date  TEXT NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('rep', 'manager')),
  period_start   INTEGER NOT NULL,
  period_end     INTEGER NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('sent', 'skipped', 'unreachable')),
  bytes          INTEGER NOT NULL DEFAULT 0,
  created_at     INTEGER NOT NULL,
  PRIMARY KEY (user_id, business_date, kind)
);

-- A counter bumped on every change to customers, so the name index used for attribution knows
-- when to rebuild without scanning the table (also across processes).
CREATE TABLE insight_versions (
  name     TEXT PRIMARY KEY,
  version  INTEGER NOT NULL
);
INSERT INTO insight_versions (name, version) VALUES ('customers', 0);
CREATE TRIGGER customers_version_insert AFTER INSERT ON customers
  BEGIN UPDATE insight_versions SET version = version + 1 WHERE name = 'customers'; END;
CREATE TRIGGER customers_version_update AFTER UPDATE ON customers
  BEGIN UPDATE insight_versions SET version = version + 1 WHERE name = 'customers'; END;
CREATE TRIGGER customers_version_delete AFTER DELETE ON customers
  BEGIN UPDATE insight_versions SET version = version + 1 WHERE name = 'customers'; END;
