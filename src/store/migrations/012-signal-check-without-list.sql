-- Ingest speed: SQLite checks `sentiment IN ('positive', 'negative', 'neutral')` by building a
-- temporary B-tree of the list on every insert (lists of three or more constants), which cost
-- about 2.5 µs a signal row, a sixth of a whole import's storage. The same rule written as
-- comparisons is checked in place. A CHECK cannot be altered, so the table is rebuilt (as in 011).
CREATE TABLE signals_012 (
  conversation_id  INTEGER NOT NULL REFERENCES conversations(id),
  ord              INTEGER NOT NULL CHECK (ord BETWEEN 0 AND 15),
  category         TEXT NOT NULL,
  sentiment        TEXT NOT NULL CHECK (sentiment = 'positive' OR sentiment = 'negative' OR sentiment = 'neutral'),
  term             TEXT NOT NULL,
  confidence       REAL NOT NULL,
  quote            TEXT NOT NULL,
  PRIMARY KEY (conversation_id, ord)
) WITHOUT ROWID;
INSERT INTO signals_012 (conversation_id, ord, category, sentiment, term, confidence, quote)
  SELECT conversation_id, ord, category, sentiment, term, confidence, quote FROM signals ORDER BY conversation_id, ord;
DROP TABLE signals;
ALTER TABLE signals_012 RENAME TO signals;
