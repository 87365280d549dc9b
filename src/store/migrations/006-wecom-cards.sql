-- WeCom button cards we sent (task_id is unique per app) and the clicks on them, so a click can
-- show the chosen label and every choice is on record.

CREATE TABLE wecom_cards (
  task_id        TEXT PRIMARY KEY,
  wecom_user_id  TEXT NOT NULL,
  ref_id         TEXT,
  -- JSON [{key, label}]: the button key is the command the click runs.
  buttons        TEXT NOT NULL,
  created_at     INTEGER NOT NULL
);

CREATE TABLE wecom_card_clicks (
  id             INTEGER PRIMARY KEY,
  task_id        TEXT NOT NULL,
  wecom_user_id  TEXT NOT NULL,
  event_key      TEXT NOT NULL,
  label          TEXT,
  response_code  TEXT,
  -- 'pending' until update_template_card answered; 'updated', 'failed' or 'skipped' (no code).
  update_status  TEXT NOT NULL DEFAULT 'pending' CHECK (update_status IN ('pending', 'updated', 'failed', 'skipped')),
  update_error   TEXT,
  clicked_at     INTEGER NOT NULL
);
CREATE INDEX wecom_card_clicks_task ON wecom_card_clicks(task_id);
