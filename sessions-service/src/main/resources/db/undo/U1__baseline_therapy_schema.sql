-- =====================================================================================
-- sessions-service  U1__baseline_therapy_schema.sql
-- Undo of V1 (seed 001 baseline): drops therapy.conversation_logs, therapy.users and schema
-- therapy, returning the database to its state before V1.
-- Refuses (RAISE) when either table holds rows, so no data is lost silently.
-- =====================================================================================

DO $$
DECLARE n bigint;
BEGIN
  SELECT count(*) INTO n FROM therapy.conversation_logs;
  IF n > 0 THEN
    RAISE EXCEPTION 'Cannot undo V1: therapy.conversation_logs holds % rows that would be lost', n
      USING HINT = 'Restore from the backup taken before V1 instead, or move/delete those rows first.';
  END IF;
  SELECT count(*) INTO n FROM therapy.users;
  IF n > 0 THEN
    RAISE EXCEPTION 'Cannot undo V1: therapy.users holds % rows that would be lost', n
      USING HINT = 'Restore from the backup taken before V1 instead, or move/delete those rows first.';
  END IF;
END $$;

DROP TABLE therapy.conversation_logs;
DROP TABLE therapy.users;
DROP SCHEMA therapy;
