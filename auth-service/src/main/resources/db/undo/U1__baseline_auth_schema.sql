-- =====================================================================================
-- auth-service  U1__baseline_auth_schema.sql  (undo of V1__baseline_auth_schema.sql)
-- Seed 000: "Database Migration Plan for Integration Features" (baseline reconstructed from it).
--
-- What it does: removes everything V1 created - tables auth.audit_log and auth.sys_usuarios
-- (with their sequences, indexes, constraints, comments) and the schema auth itself.
-- Guard: refuses (RAISE EXCEPTION) when either table still holds rows, so no data is lost
-- silently. DROP SCHEMA is RESTRICT (no CASCADE): if anything else was created in schema
-- auth, the undo fails instead of dropping it.
--
-- Deviations from the seed: none (the seed has no baseline and no undo for it).
-- =====================================================================================

DO $$
DECLARE
    n_users bigint;
    n_audit bigint;
BEGIN
    SELECT count(*) INTO n_audit FROM auth.audit_log;
    SELECT count(*) INTO n_users FROM auth.sys_usuarios;
    IF n_audit > 0 OR n_users > 0 THEN
        RAISE EXCEPTION 'Cannot undo V1: auth.audit_log holds % rows and auth.sys_usuarios holds % rows; dropping schema auth would destroy them', n_audit, n_users
            USING HINT = 'Restore from the backup taken before V1, or export/delete those rows deliberately first.';
    END IF;
END $$;

DROP TABLE auth.audit_log;
DROP TABLE auth.sys_usuarios;
DROP SCHEMA auth;
