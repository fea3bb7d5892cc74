-- =====================================================================================
-- sessions-service  U2__normalize_therapy_schema.sql
-- Undo of V2 (seed 001 normalization): drops the trigger, trigger function and the four tables
-- V2 created, restores conversation_logs' V1 table comment and drops pgcrypto when V2 installed
-- it (i.e. it lives in schema therapy). therapy.users and therapy.conversation_logs keep their data.
-- Refuses (RAISE) when any of the new tables holds rows, so no data is lost silently.
-- =====================================================================================

DO $$
DECLARE
  t text;
  n bigint;
BEGIN
  FOREACH t IN ARRAY ARRAY['therapy_sessions', 'session_configurations', 'messages', 'user_sessions'] LOOP
    EXECUTE format('SELECT count(*) FROM therapy.%I', t) INTO n;
    IF n > 0 THEN
      RAISE EXCEPTION 'Cannot undo V2: therapy.% holds % rows that would be lost', t, n
        USING HINT = 'Restore from the backup taken before V2 instead, or export/delete those rows first.';
    END IF;
  END LOOP;
END $$;

DROP TRIGGER trg_therapy_sessions_set_updated_at ON therapy.therapy_sessions;
DROP FUNCTION therapy.set_updated_at();

DROP TABLE therapy.user_sessions;
DROP TABLE therapy.messages;
DROP TABLE therapy.session_configurations;
DROP TABLE therapy.therapy_sessions;

COMMENT ON TABLE therapy.conversation_logs IS
    'Legacy flat log of therapy conversation messages, one row per message, grouped by a free-text session_id.';

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
             WHERE e.extname = 'pgcrypto' AND n.nspname = 'therapy') THEN
    DROP EXTENSION pgcrypto;
  END IF;
END $$;
