-- /瓶颈 asks, per open deal, for the customer's latest clear decision-maker signal. Migration 007
-- moved signal lookups onto the conversation indexes; this one question is asked per deal, so it
-- keeps a narrow index of its own. Partial: only decision-maker signals with a direction, about a
-- twelfth of all signals, so ingest barely pays for it.
CREATE INDEX signals_decision_maker ON signals(customer_id, at) WHERE category = 'decision_maker' AND sentiment != 'neutral';
