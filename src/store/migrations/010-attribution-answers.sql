-- The last answer each user gave to "which customer?" (/归属 or an option number): the lines it
-- moved, so a wrong answer can be taken back (/归属 撤销) line by line or whole.
CREATE TABLE attribution_answers (
  user_id           TEXT PRIMARY KEY REFERENCES users(id),
  customer_id       TEXT NOT NULL REFERENCES customers(id),
  -- JSON array of conversation ids, in the order the reply listed them
  conversation_ids  TEXT NOT NULL,
  answered_at       INTEGER NOT NULL
);
