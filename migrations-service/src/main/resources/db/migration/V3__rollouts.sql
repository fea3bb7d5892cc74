-- =====================================================================================
-- migrations-service  V3__rollouts.sql
-- Seed: none. Lockstep's own coordinator database: stored plans, rollouts and their targets,
-- the per-rollout event log that watchers resume from, approvals, the saga's compensation
-- records (written before the step they compensate runs) and the one-rollout-per-target locks.
-- Deviations from the seed: none (no seed applies).
-- =====================================================================================
CREATE TABLE coordinator.plans (
    plan_id          UUID        NOT NULL,
    release          TEXT        NOT NULL,
    manifest_yaml    TEXT        NOT NULL,
    manifest_sha256  CHAR(64)    NOT NULL,
    plan             JSONB       NOT NULL,
    planned_by       TEXT        NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT plans_pkey PRIMARY KEY (plan_id)
);
COMMENT ON TABLE coordinator.plans IS 'Release plans as computed from a manifest and the agents'' state; a rollout executes exactly one.';

CREATE TABLE coordinator.rollouts (
    rollout_id          UUID        NOT NULL,
    plan_id             UUID        NOT NULL,
    release             TEXT        NOT NULL,
    state               TEXT        NOT NULL,
    status_message      TEXT        NOT NULL DEFAULT '',
    requested_by        TEXT        NOT NULL,
    approval_deadline   TIMESTAMPTZ,
    failure_report      TEXT,
    lease_owner         TEXT,
    lease_expires_at    TIMESTAMPTZ,
    last_event_sequence BIGINT      NOT NULL DEFAULT 0,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT rollouts_pkey PRIMARY KEY (rollout_id),
    CONSTRAINT rollouts_plan_id_fkey FOREIGN KEY (plan_id) REFERENCES coordinator.plans (plan_id) ON DELETE RESTRICT,
    CONSTRAINT rollouts_state_check CHECK (state IN ('PLANNED', 'PREFLIGHT', 'BACKING_UP', 'VERIFYING_BACKUPS',
        'REHEARSING', 'STAGING', 'AWAITING_APPROVAL', 'AWAITING_WINDOW', 'APPLYING', 'VERIFYING', 'SUCCEEDED',
        'ROLLING_BACK', 'ROLLED_BACK', 'ROLLBACK_FAILED', 'REJECTED', 'CANCELLED', 'EXPIRED', 'FAILED'))
);
CREATE INDEX idx_rollouts_state ON coordinator.rollouts (state);
CREATE INDEX idx_rollouts_created_at ON coordinator.rollouts (created_at DESC);
COMMENT ON TABLE coordinator.rollouts IS 'Rollouts; the state is persisted before each step starts. lease_owner/lease_expires_at make sure one coordinator instance drives a rollout at a time.';

CREATE TABLE coordinator.rollout_targets (
    rollout_id       UUID    NOT NULL,
    service          TEXT    NOT NULL,
    environment      TEXT    NOT NULL,
    production       BOOLEAN NOT NULL,
    wave             INTEGER NOT NULL,
    from_version     TEXT,
    to_version       TEXT    NOT NULL,
    restore_only     BOOLEAN NOT NULL DEFAULT false,
    phase            TEXT    NOT NULL DEFAULT 'planned',
    backup_id        TEXT,
    pre_fingerprint  TEXT,
    rehearsed_ms     BIGINT,
    current_version  TEXT,
    changed          BOOLEAN NOT NULL DEFAULT false,
    message          TEXT    NOT NULL DEFAULT '',
    CONSTRAINT rollout_targets_pkey PRIMARY KEY (rollout_id, service, environment),
    CONSTRAINT rollout_targets_rollout_id_fkey FOREIGN KEY (rollout_id) REFERENCES coordinator.rollouts (rollout_id) ON DELETE CASCADE,
    CONSTRAINT rollout_targets_wave_check CHECK (wave >= 0)
);
COMMENT ON COLUMN coordinator.rollout_targets.changed IS 'True once an apply was sent to this target: from then on it is compensated on rollback.';

CREATE TABLE coordinator.rollout_events (
    rollout_id  UUID        NOT NULL,
    sequence    BIGINT      NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    state       TEXT        NOT NULL,
    kind        TEXT        NOT NULL,
    target      TEXT        NOT NULL DEFAULT '',
    message     TEXT        NOT NULL,
    CONSTRAINT rollout_events_pkey PRIMARY KEY (rollout_id, sequence),
    CONSTRAINT rollout_events_rollout_id_fkey FOREIGN KEY (rollout_id) REFERENCES coordinator.rollouts (rollout_id) ON DELETE CASCADE,
    CONSTRAINT rollout_events_sequence_check CHECK (sequence >= 1)
);
COMMENT ON TABLE coordinator.rollout_events IS 'Gapless per-rollout event log; WatchRollout resumes from a sequence number.';

CREATE TABLE coordinator.approvals (
    rollout_id  UUID        NOT NULL,
    approver    TEXT        NOT NULL,
    approved    BOOLEAN     NOT NULL,
    comment     TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT approvals_pkey PRIMARY KEY (rollout_id, approver),
    CONSTRAINT approvals_rollout_id_fkey FOREIGN KEY (rollout_id) REFERENCES coordinator.rollouts (rollout_id) ON DELETE CASCADE,
    CONSTRAINT approvals_comment_check CHECK (length(btrim(comment)) > 0)
);
COMMENT ON TABLE coordinator.approvals IS 'One decision per approver per rollout; the requester is refused before a row is written.';

CREATE TABLE coordinator.compensations (
    rollout_id     UUID        NOT NULL,
    service        TEXT        NOT NULL,
    environment    TEXT        NOT NULL,
    action         TEXT        NOT NULL,
    registered_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    done_at        TIMESTAMPTZ,
    result         TEXT,
    CONSTRAINT compensations_pkey PRIMARY KEY (rollout_id, service, environment),
    CONSTRAINT compensations_target_fkey FOREIGN KEY (rollout_id, service, environment)
        REFERENCES coordinator.rollout_targets (rollout_id, service, environment) ON DELETE CASCADE,
    CONSTRAINT compensations_action_check CHECK (action IN ('revert', 'restore'))
);
COMMENT ON TABLE coordinator.compensations IS 'Saga compensations, registered before the step that may need them runs.';

CREATE TABLE coordinator.target_locks (
    service      TEXT        NOT NULL,
    environment  TEXT        NOT NULL,
    rollout_id   UUID        NOT NULL,
    locked_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT target_locks_pkey PRIMARY KEY (service, environment),
    CONSTRAINT target_locks_rollout_id_fkey FOREIGN KEY (rollout_id) REFERENCES coordinator.rollouts (rollout_id) ON DELETE CASCADE
);
COMMENT ON TABLE coordinator.target_locks IS 'At most one unfinished rollout per service and environment.';
