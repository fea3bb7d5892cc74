-- =====================================================================================
-- migrations-service  U2__audit_trail.sql  (undo of V2__audit_trail.sql)
-- Seed: none (no seed applies).
--
-- What it does: the exact inverse of V2, returning the schema to V1: drops
-- coordinator.requests, coordinator.audit_log (its index, constraints, trigger and comments go
-- with it) and the trigger function coordinator.audit_log_refuse_change().
-- Guards (both run before any change; each RAISEs with a HINT):
--   * coordinator.audit_log holds entries: an audit trail is never dropped by an undo;
--   * coordinator.requests holds recorded requests: retries would run again instead of
--     replaying their outcome.
--
-- Deviations from the seed: none (no seed applies).
-- Objects are dropped without IF EXISTS or CASCADE: after V2 they must exist, and a missing one
-- means the schema is not at V2 and the undo should stop.
-- =====================================================================================

DO $$
DECLARE n bigint;
BEGIN
  SELECT count(*) INTO n FROM coordinator.audit_log;
  IF n > 0 THEN
    RAISE EXCEPTION 'Cannot undo V2: coordinator.audit_log holds % audit entries, dropping it would destroy the audit trail', n
      USING HINT = 'Restore the backup taken before V2 instead; the audit trail is append-only and is never deleted by an undo.';
  END IF;
END $$;

DO $$
DECLARE n bigint;
BEGIN
  SELECT count(*) INTO n FROM coordinator.requests;
  IF n > 0 THEN
    RAISE EXCEPTION 'Cannot undo V2: coordinator.requests holds % recorded requests, dropping them would let retries run again', n
      USING HINT = 'Restore the backup taken before V2, or make sure no caller will retry those requests and delete them first.';
  END IF;
END $$;

DROP TABLE coordinator.requests;
DROP TABLE coordinator.audit_log;
DROP FUNCTION coordinator.audit_log_refuse_change();
