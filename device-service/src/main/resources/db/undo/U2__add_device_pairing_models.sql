-- =====================================================================================
-- device-service  U2__add_device_pairing_models.sql  (undo of V2__add_device_pairing_models.sql)
-- Seed 003: "Agent 17: Database Migration Guide" (its "Rollback (If Needed)" section).
--
-- What it does: the exact inverse of V2 - drops public."device_permissions",
-- public."device_pairings" (their indexes, constraints and comments go with them), then the
-- enums public."DeviceType" and public."PermissionScope". public."users" (V1) is untouched.
-- Guard: refuses (RAISE EXCEPTION) when either table holds rows.
--
-- Deviations from the seed:
--   * The seed's rollback runs DROP TYPE IF EXISTS DeviceType CASCADE /
--     DROP TYPE IF EXISTS PermissionScope CASCADE with UNQUOTED names; PostgreSQL folds them to
--     devicetype / permissionscope, so they would silently not drop the CamelCase types
--     "DeviceType" / "PermissionScope" and leave them behind. Here the names are quoted.
--   * No CASCADE and no IF EXISTS: nothing else may silently disappear, and a missing object
--     means the schema is not at V2, so the undo stops.
--   * Guard against data loss instead of the seed's unconditional DROP TABLE.
--   * No "prisma migrate resolve" (Flyway/our runner track versions).
-- =====================================================================================

DO $$
DECLARE
    n_pairings    bigint;
    n_permissions bigint;
BEGIN
    SELECT count(*) INTO n_pairings FROM public."device_pairings";
    SELECT count(*) INTO n_permissions FROM public."device_permissions";
    IF n_pairings > 0 OR n_permissions > 0 THEN
        RAISE EXCEPTION 'Cannot undo V2: public."device_pairings" holds % rows and public."device_permissions" holds % rows, dropping them would destroy them', n_pairings, n_permissions
            USING HINT = 'Restore from the backup taken before V2, or export/delete those pairings deliberately first.';
    END IF;
END $$;

DROP TABLE public."device_permissions";
DROP TABLE public."device_pairings";
DROP TYPE public."PermissionScope";
DROP TYPE public."DeviceType";
