-- =====================================================================================
-- device-service  U1__baseline_users.sql  (undo of V1__baseline_users.sql)
-- Seed 003: "Agent 17: Database Migration Guide" (baseline users table it depends on).
--
-- What it does: drops the local reference table public."users" (schema public itself is
-- kept: V1 did not create it). Guard: refuses when the table holds rows.
--
-- Deviations from the seed: none (the seed has no baseline and no undo for it).
-- =====================================================================================

DO $$
DECLARE
    n bigint;
BEGIN
    SELECT count(*) INTO n FROM public."users";
    IF n > 0 THEN
        RAISE EXCEPTION 'Cannot undo V1: table public."users" holds % rows, dropping it would destroy them', n
            USING HINT = 'Restore from the backup taken before V1, or delete those rows deliberately first (they are a copy of auth-service users).';
    END IF;
END $$;

DROP TABLE public."users";
