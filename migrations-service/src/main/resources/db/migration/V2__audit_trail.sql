-- =====================================================================================
-- migrations-service  V2__audit_trail.sql
-- Seed: none. This is Lockstep's own coordinator database, not one of the seeds' schemas.
--
-- What it does:
--   1. coordinator.audit_log: the coordinator's hash-chained audit trail. Entry n carries the
--      hash of entry n-1 (64 zeros for entry 1) and its own SHA-256 over that hash and its
--      fields (the encoding is defined in dev.lockstep.coordinator.audit.AuditHash). The
--      appender assigns sequence 1, 2, 3 ... under a transaction-scoped advisory lock, in the
--      same transaction as the state change it records, so there is no serial that could skip
--      a number on a rollback.
--      A statement trigger refuses UPDATE, DELETE and TRUNCATE: the trail is append-only.
--      A database superuser (or the table owner) can still disable the trigger and edit, delete
--      or insert rows; that is not prevented here but detected: VerifyAuditChain recomputes
--      every hash and link and names the first entry that does not hold.
--   2. coordinator.requests: request ids of state-changing RPCs and their recorded outcomes, so
--      a retried call gets the first call's response (or error) instead of running again.
--      Keyed by (caller, request_id): two callers' ids never collide; the method is stored so
--      an id cannot be reused for another method.
--
-- Deviations from the seed: none (no seed applies).
-- =====================================================================================

CREATE TABLE coordinator.audit_log (
    sequence      BIGINT      NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    actor         TEXT        NOT NULL,
    action        TEXT        NOT NULL,
    rollout_id    UUID        NULL,
    detail        TEXT        NOT NULL,
    previous_hash CHAR(64)    NOT NULL,
    hash          CHAR(64)    NOT NULL,
    CONSTRAINT audit_log_pkey PRIMARY KEY (sequence),
    CONSTRAINT audit_log_hash_key UNIQUE (hash),
    CONSTRAINT audit_log_sequence_check CHECK (sequence >= 1),
    CONSTRAINT audit_log_actor_check CHECK (actor <> ''),
    CONSTRAINT audit_log_action_check CHECK (action <> ''),
    CONSTRAINT audit_log_previous_hash_check CHECK (previous_hash ~ '^[0-9a-f]{64}$'),
    CONSTRAINT audit_log_hash_check CHECK (hash ~ '^[0-9a-f]{64}$'),
    CONSTRAINT audit_log_genesis_check CHECK (sequence > 1 OR previous_hash = repeat('0', 64))
);
CREATE INDEX audit_log_rollout_id_idx ON coordinator.audit_log (rollout_id);

COMMENT ON TABLE coordinator.audit_log IS 'Append-only, hash-chained audit trail of the coordinator. A superuser can bypass the append-only trigger; the hash chain is how such tampering is detected.';
COMMENT ON COLUMN coordinator.audit_log.sequence IS 'Position in the chain: 1, 2, 3 ... without gaps, assigned by the appender under an advisory lock.';
COMMENT ON COLUMN coordinator.audit_log.created_at IS 'When the entry was appended, in microseconds (the precision that is hashed).';
COMMENT ON COLUMN coordinator.audit_log.actor IS 'Who: the subject of the caller''s token, or "coordinator".';
COMMENT ON COLUMN coordinator.audit_log.action IS 'What, e.g. rollout.created, rollout.state_changed, rollout.approved.';
COMMENT ON COLUMN coordinator.audit_log.rollout_id IS 'Rollout concerned, if any.';
COMMENT ON COLUMN coordinator.audit_log.detail IS 'Details in plain text.';
COMMENT ON COLUMN coordinator.audit_log.previous_hash IS 'hash of entry sequence - 1; 64 zeros for entry 1.';
COMMENT ON COLUMN coordinator.audit_log.hash IS 'Lower-case hex SHA-256 over previous_hash and this entry''s fields (see AuditHash).';

CREATE FUNCTION coordinator.audit_log_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % on coordinator.audit_log is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Audit entries are never changed or removed; append a new entry that corrects or explains.';
END $$;
COMMENT ON FUNCTION coordinator.audit_log_refuse_change() IS 'Refuses UPDATE, DELETE and TRUNCATE on coordinator.audit_log.';

CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON coordinator.audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION coordinator.audit_log_refuse_change();
COMMENT ON TRIGGER audit_log_append_only ON coordinator.audit_log IS 'Keeps the audit trail append-only for everyone who cannot disable triggers.';

CREATE TABLE coordinator.requests (
    caller        TEXT        NOT NULL,
    request_id    TEXT        NOT NULL,
    method        TEXT        NOT NULL,
    state         TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at   TIMESTAMPTZ NULL,
    response      BYTEA       NULL,
    error_code    TEXT        NULL,
    error_message TEXT        NULL,
    CONSTRAINT requests_pkey PRIMARY KEY (caller, request_id),
    CONSTRAINT requests_caller_check CHECK (caller <> ''),
    CONSTRAINT requests_request_id_check CHECK (request_id ~ '^[A-Za-z0-9._:-]{1,128}$'),
    CONSTRAINT requests_method_check CHECK (method <> ''),
    CONSTRAINT requests_state_check CHECK (state IN ('RUNNING', 'DONE', 'FAILED')),
    CONSTRAINT requests_outcome_check CHECK (
        (state = 'RUNNING' AND response IS NULL AND error_code IS NULL AND finished_at IS NULL)
        OR (state = 'DONE' AND response IS NOT NULL AND error_code IS NULL AND finished_at IS NOT NULL)
        OR (state = 'FAILED' AND response IS NULL AND error_code IS NOT NULL AND finished_at IS NOT NULL))
);

COMMENT ON TABLE coordinator.requests IS 'Idempotency records: each (caller, request_id) runs once; retries replay the recorded outcome.';
COMMENT ON COLUMN coordinator.requests.caller IS 'Subject of the caller''s token; request ids are scoped to it.';
COMMENT ON COLUMN coordinator.requests.request_id IS 'The caller''s id for one operation: 1 to 128 of A-Z a-z 0-9 . _ : -';
COMMENT ON COLUMN coordinator.requests.method IS 'The RPC the id was first used for; reuse for another method is refused.';
COMMENT ON COLUMN coordinator.requests.state IS 'RUNNING (claimed, or interrupted), DONE or FAILED.';
COMMENT ON COLUMN coordinator.requests.response IS 'The serialized protobuf response of a DONE request.';
COMMENT ON COLUMN coordinator.requests.error_code IS 'Error code of a FAILED request, replayed as the same error.';
COMMENT ON COLUMN coordinator.requests.error_message IS 'Error message of a FAILED request.';
