-- Conversation records (chat lines, archived messages) and the signals extracted from them.

CREATE TABLE conversations (
  id           INTEGER PRIMARY KEY,
  -- Source-unique id: 'wecom:<MsgId>', 'dingtalk:<msgId>', 'console:<id>' or the archive msgId.
  msg_id       TEXT NOT NULL UNIQUE,
  source       TEXT NOT NULL,
  user_id      TEXT REFERENCES users(id),
  customer_id  TEXT REFERENCES customers(id),
  sender       TEXT NOT NULL,
  room_id      TEXT,
  text         TEXT NOT NULL,
  sent_at      INTEGER NOT NULL,
  created_at   INTEGER NOT NULL
);
CREATE INDEX conversations_user_time ON conversations(user_id, sent_at);
CREATE INDEX conversations_customer_time ON conversations(customer_id, sent_at);
CREATE INDEX conversations_time ON conversations(sent_at);

CREATE TABLE signals (
  id               INTEGER PRIMARY KEY,
  conversation_id  INTEGER NOT NULL REFERENCES conversations(id),
  user_id          TEXT,
  customer_id      TEXT,
  category         TEXT NOT NULL,
  sentiment        TEXT NOT NULL CHECK (sentiment IN ('positive', 'negative', 'neutral')),
  term             TEXT NOT NULL,
  confidence       REAL NOT NULL,
  quote            TEXT NOT NULL,
  at               INTEGER NOT NULL
);
CREATE INDEX signals_customer_time ON signals(customer_id, at);
CREATE INDEX signals_user_time ON signals(user_id, at);
CREATE INDEX signals_time ON signals(at);
CREATE INDEX signals_conversation ON signals(conversation_id);
