-- Foundation schema: organisation, customers, pipeline with append-only stage history,
-- and the inbox/outbox that make message handling durable.
-- Times are epoch milliseconds (UTC); calendar dates are 'YYYY-MM-DD' strings.

CREATE TABLE teams (
  name        TEXT PRIMARY KEY,
  created_at  INTEGER NOT NULL
);

CREATE TABLE users (
  id                 TEXT PRIMARY KEY,
  name               TEXT NOT NULL,
  role               TEXT NOT NULL CHECK (role IN ('rep', 'manager', 'admin')),
  manager_id         TEXT,
  team_name          TEXT REFERENCES teams(name),
  hired_at           TEXT,
  wecom_user_id      TEXT UNIQUE,
  dingtalk_staff_id  TEXT UNIQUE,
  active             INTEGER NOT NULL DEFAULT 1,
  updated_at         INTEGER NOT NULL
);
CREATE INDEX users_manager ON users(manager_id);
CREATE INDEX users_name ON users(name);

CREATE TABLE customers (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  owner_id     TEXT NOT NULL REFERENCES users(id),
  industry     TEXT,
  tier         TEXT CHECK (tier IN ('K', 'R')),
  aliases      TEXT NOT NULL DEFAULT '[]',
  updated_at   INTEGER NOT NULL
);
CREATE INDEX customers_owner ON customers(owner_id);
CREATE INDEX customers_name ON customers(name);

-- External contact ids (WeCom external_userid and similar) resolve to a customer.
CREATE TABLE customer_contacts (
  external_user_id TEXT PRIMARY KEY,
  customer_id      TEXT NOT NULL REFERENCES customers(id)
);
CREATE INDEX customer_contacts_customer ON customer_contacts(customer_id);

CREATE TABLE opportunities (
  id                   TEXT PRIMARY KEY,
  customer_id          TEXT NOT NULL REFERENCES customers(id),
  owner_id             TEXT NOT NULL REFERENCES users(id),
  name                 TEXT,
  stage                TEXT NOT NULL CHECK (stage IN ('T0','T1','T2','T3','T4','WIN','LOST')),
  amount               REAL NOT NULL DEFAULT 0,
  expected_close_date  TEXT,
  stage_changed_at     INTEGER NOT NULL,
  created_at           INTEGER NOT NULL,
  updated_at           INTEGER NOT NULL
);
CREATE INDEX opportunities_owner_stage ON opportunities(owner_id, stage);
CREATE INDEX opportunities_customer ON opportunities(customer_id);

-- Append-only: every stage an opportunity entered, with when. from_stage is NULL on creation.
CREATE TABLE stage_history (
  id              INTEGER PRIMARY KEY,
  opportunity_id  TEXT NOT NULL REFERENCES opportunities(id),
  from_stage      TEXT,
  to_stage        TEXT NOT NULL,
  changed_at      INTEGER NOT NULL,
  changed_by      TEXT,
  source          TEXT NOT NULL DEFAULT 'api'
);
CREATE INDEX stage_history_opportunity ON stage_history(opportunity_id, changed_at);

-- Every inbound platform message, stored before the platform is acknowledged.
CREATE TABLE inbox (
  id            INTEGER PRIMARY KEY,
  channel       TEXT NOT NULL,
  platform_id   TEXT NOT NULL,
  sender_id     TEXT NOT NULL,
  payload       TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'processed', 'failed')),
  error         TEXT,
  received_at   INTEGER NOT NULL,
  processed_at  INTEGER,
  UNIQUE (channel, platform_id)
);
CREATE INDEX inbox_status ON inbox(status);

-- Every outbound message until the platform accepts it (or it fails for good).
CREATE TABLE outbox (
  id               INTEGER PRIMARY KEY,
  channel          TEXT NOT NULL,
  recipient        TEXT NOT NULL,
  target           TEXT NOT NULL,
  message          TEXT NOT NULL,
  status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER NOT NULL,
  last_error       TEXT,
  dedup_key        TEXT UNIQUE,
  created_at       INTEGER NOT NULL,
  sent_at          INTEGER
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
CREATE INDEX outbox_recipient_sent ON outbox(channel, recipient, sent_at);
