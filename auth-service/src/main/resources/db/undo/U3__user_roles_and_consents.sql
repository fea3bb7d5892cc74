-- =====================================================================================
-- auth-service  U3__user_roles_and_consents.sql  (undo of V3__user_roles_and_consents.sql)
-- Seed 000 (Lockstep's addition for issue 6; the seed has no such tables).
--
-- What it does: drops auth.consents and auth.user_roles (their sequence, indexes, constraints
-- and comments go with them), returning the schema exactly to V2.
-- Guards (before any change; each RAISEs with a HINT): either table holds rows. Dropping grants
-- would silently take roles from users; dropping consents would destroy the evidence of what users
-- agreed to.
--
-- Deviations from the seed: none (the seed has no such tables).
-- =====================================================================================

DO $$
DECLARE
    n_roles    bigint;
    n_consents bigint;
BEGIN
    SELECT count(*) INTO n_roles FROM auth.user_roles;
    SELECT count(*) INTO n_consents FROM auth.consents;
    IF n_roles > 0 OR n_consents > 0 THEN
        RAISE EXCEPTION 'Cannot undo V3: auth.user_roles holds % rows and auth.consents holds % rows; dropping them would take roles from users and destroy consent records', n_roles, n_consents
            USING HINT = 'Restore from the backup taken before V3, or export and delete those rows deliberately first.';
    END IF;
END $$;

DROP TABLE auth.consents;
DROP TABLE auth.user_roles;
