-- Pipeline management: explicit MOT confirmations, LOST reasons, the alert log that keeps
-- alerts from repeating, weekly forecast snapshots (to measure forecast error) and follow-ups.

-- A fact the rep confirmed by hand (/推进 … 确认), as opposed to one read from signals.
-- fact is a signal category: budget, timeline, decision_maker (MOT) or contract (signed intent).
CREATE TABLE opportunity_facts (
  opportunity_id  TEXT NOT NULL REFERENCES opportunities(id),
  fact            TEXT NOT NULL,
  confirmed_by    TEXT,
  confirmed_at    INTEGER NOT NULL,
  source          TEXT NOT NULL,
  PRIMARY KEY (opportunity_id, fact)
);

CREATE TABLE lost_reasons (
  id              INTEGER PRIMARY KEY,
  opportunity_id  TEXT NOT NULL REFERENCES opportunities(id),
  reason          TEXT NOT NULL,
  note            TEXT NOT NULL,
  recorded_by     TEXT,
  recorded_at     INTEGER NOT NULL
);
CREATE INDEX lost_reasons_opportunity ON lost_reasons(opportunity_id, recorded_at);

-- One row per alert condition per person per business week: the unique key is the de-duplication.
CREATE TABLE pipeline_alerts (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL,
  subject     TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  period      TEXT NOT NULL,
  pushed      INTEGER NOT NULL DEFAULT 0,
  detail      TEXT,
  created_at  INTEGER NOT NULL,
  UNIQUE (kind, subject, user_id, period)
);
CREATE INDEX pipeline_alerts_user ON pipeline_alerts(user_id, created_at);

-- The forecast each rep's pipeline gave at the start of `week` for each of the following weeks.
CREATE TABLE forecast_snapshots (
  user_id      TEXT NOT NULL,
  week         TEXT NOT NULL,
  target_week  TEXT NOT NULL,
  weighted     REAL NOT NULL,
  committed    REAL NOT NULL,
  deals        INTEGER NOT NULL,
  made_at      INTEGER NOT NULL,
  PRIMARY KEY (user_id, week, target_week)
) WITHOUT ROWID;

CREATE TABLE follow_ups (
  id              INTEGER PRIMARY KEY,
  opportunity_id  TEXT NOT NULL REFERENCES opportunities(id),
  user_id         TEXT NOT NULL,
  due_at          INTEGER NOT NULL,
  created_at      INTEGER NOT NULL
);
CREATE INDEX follow_ups_opportunity ON follow_ups(opportunity_id, due_at);

-- Lookups the pipeline views make: a customer's signals of one category, wins and losses by
-- time, deals created in a window, a deal by its name.
CREATE INDEX signals_customer_category ON signals(customer_id, category, at);
CREATE INDEX stage_history_to_stage ON stage_history(to_stage, changed_at);
CREATE INDEX opportunities_created ON opportunities(created_at);
CREATE INDEX opportunities_name ON opportunities(name);
-- Covers the forecast's read of a team's open deals, so it never touches the table rows.
CREATE INDEX opportunities_owner_forecast ON opportunities(owner_id, stage, expected_close_date, amount, created_at, customer_id, id);
