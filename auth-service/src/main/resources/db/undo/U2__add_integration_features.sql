-- =====================================================================================
-- auth-service  U2__add_integration_features.sql  (undo of V2__add_integration_features.sql)
-- Seed 000: "Database Migration Plan for Integration Features" (its 001_rollback_integration_features.sql).
--
-- What it does: the exact inverse of V2, restoring the schema byte-for-byte to V1:
--   * drops auth.voice_transcripts (its indexes, sequence, FK and comment go with it);
--   * drops idx_audit_log_session, idx_audit_log_endpoint, idx_audit_log_username;
--   * drops the 8 audit columns username, session_id, method, endpoint, request_body,
--     response_hash, source_refs, note (they were appended last, so the column order of
--     audit_log is back to V1's);
--   * restores registro_id NOT NULL;
--   * restores the composite primary key audit_log_pkey (id_log, timestamp_accion).
--     (Always satisfiable: id_log is unique under V2's key and both columns are NOT NULL.)
-- Guards (all run before any change; each RAISEs a clear exception with a HINT):
--   * auth.voice_transcripts holds rows;
--   * any of the 8 audit columns holds non-NULL values;
--   * audit_log rows with registro_id IS NULL exist (NOT NULL could not be restored) - the case
--     the seed itself expects for system-level events.
--
-- Deviations from the seed (its rollback is incomplete/destructive):
--   * No BEGIN/COMMIT (the runner wraps the undo in one transaction).
--   * No DROP TABLE ... CASCADE and no silent data loss: guards above refuse instead.
--   * registro_id NOT NULL is restored (the seed leaves it commented out), guarded.
--   * The composite primary key audit_log_pkey (id_log, timestamp_accion) is restored (the seed
--     leaves the single-column key in place).
--   * Objects are dropped without IF EXISTS: after V2 they must exist, and a missing one means
--     the schema is not at V2 and the undo should stop.
-- =====================================================================================

DO $$
DECLARE
    n bigint;
BEGIN
    SELECT count(*) INTO n FROM auth.voice_transcripts;
    IF n > 0 THEN
        RAISE EXCEPTION 'Cannot undo V2: table auth.voice_transcripts holds % rows, dropping it would destroy them', n
            USING HINT = 'Restore from the backup taken before V2, or export/delete those transcripts deliberately first.';
    END IF;
END $$;

DO $$
DECLARE
    col      text;
    n        bigint;
    problems text := '';
BEGIN
    FOREACH col IN ARRAY ARRAY['username', 'session_id', 'method', 'endpoint',
                               'request_body', 'response_hash', 'source_refs', 'note']
    LOOP
        EXECUTE format('SELECT count(*) FROM auth.audit_log WHERE %I IS NOT NULL', col) INTO n;
        IF n > 0 THEN
            problems := problems || format(' %s (%s rows)', col, n);
        END IF;
    END LOOP;
    IF problems <> '' THEN
        RAISE EXCEPTION 'Cannot undo V2: columns of auth.audit_log created by V2 hold non-NULL values, dropping them would destroy data:%', problems
            USING HINT = 'Restore from the backup taken before V2, or archive those audit values first.';
    END IF;
END $$;

DO $$
DECLARE
    n bigint;
BEGIN
    SELECT count(*) INTO n FROM auth.audit_log WHERE registro_id IS NULL;
    IF n > 0 THEN
        RAISE EXCEPTION 'Cannot undo V2: % auth.audit_log rows have no registro_id, so NOT NULL cannot be restored', n
            USING HINT = 'Restore from the backup taken before V2 instead, or give those rows a registro_id first.';
    END IF;
END $$;

-- 1. voice_transcripts (indexes, sequence, FK and comment are dropped with it)
DROP TABLE auth.voice_transcripts;

-- 2. audit_log indexes added by V2
DROP INDEX auth.idx_audit_log_session;
DROP INDEX auth.idx_audit_log_endpoint;
DROP INDEX auth.idx_audit_log_username;

-- 3. audit_log columns added by V2
ALTER TABLE auth.audit_log
    DROP COLUMN username,
    DROP COLUMN session_id,
    DROP COLUMN method,
    DROP COLUMN endpoint,
    DROP COLUMN request_body,
    DROP COLUMN response_hash,
    DROP COLUMN source_refs,
    DROP COLUMN note;

-- 4. registro_id back to NOT NULL
ALTER TABLE auth.audit_log
    ALTER COLUMN registro_id SET NOT NULL;

-- 5. composite primary key back
ALTER TABLE auth.audit_log
    DROP CONSTRAINT audit_log_pkey;

ALTER TABLE auth.audit_log
    ADD CONSTRAINT audit_log_pkey PRIMARY KEY (id_log, timestamp_accion);
