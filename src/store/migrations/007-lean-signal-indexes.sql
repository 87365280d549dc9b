-- Ingest speed: every signal row used to update four indexes keyed by customer or rep, in
-- random order, which made bulk ingest write most index pages once per batch. Signals are now
-- reached through their conversation (conversations_customer_time / conversations_user_time,
-- then signals_conversation, which grows in insert order). signals.user_id/customer_id/at stay
-- as copies of the conversation's, kept in step by attribution.
DROP INDEX IF EXISTS signals_customer_time;
DROP INDEX IF EXISTS signals_user_time;
DROP INDEX IF EXISTS signals_time;
DROP INDEX IF EXISTS signals_customer_category;
-- Nothing reads conversations by time alone (briefs read per rep, the pipeline per customer).
DROP INDEX IF EXISTS conversations_time;
