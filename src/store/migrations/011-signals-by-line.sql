-- Ingest speed: signals are stored with their line. The table is keyed by (line, position) and
-- holds only what the extractor found: a bulk import appends to one B-tree instead of writing a
-- rowid table, an index on conversation_id, a partial index and copies of the line's rep,
-- customer and time (which attribution had to keep in step). Readers join the line for those,
-- through its indexes, as they did since migration 007. A signal's number is line id × 16 +
-- position (a line holds at most one signal per category, twelve in all).
CREATE TABLE signals_by_line (
  conversation_id  INTEGER NOT NULL REFERENCES conversations(id),
  ord              INTEGER NOT NULL CHECK (ord BETWEEN 0 AND 15),
  category         TEXT NOT NULL,
  sentiment        TEXT NOT NULL CHECK (sentiment IN ('positive', 'negative', 'neutral')),
  term             TEXT NOT NULL,
  confidence       REAL NOT NULL,
  quote            TEXT NOT NULL,
  PRIMARY KEY (conversation_id, ord)
) WITHOUT ROWID;
INSERT INTO signals_by_line (conversation_id, ord, category, sentiment, term, confidence, quote)
  SELECT conversation_id, ROW_NUMBER() OVER (PARTITION BY conversation_id ORDER BY id) - 1, category, sentiment, term, confidence, quote
    FROM signals;
DROP TABLE signals;
ALTER TABLE signals_by_line RENAME TO signals;

-- Lines without a customer (about a third of an import) are found per rep, never by customer:
-- the customer index leaves them out.
DROP INDEX conversations_customer_time;
CREATE INDEX conversations_customer_time ON conversations(customer_id, sent_at) WHERE customer_id IS NOT NULL;
