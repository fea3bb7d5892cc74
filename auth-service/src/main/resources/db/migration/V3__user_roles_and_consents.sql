-- =====================================================================================
-- auth-service  V3__user_roles_and_consents.sql
-- Seed 000: "Database Migration Plan for Integration Features" - what its voice integration needs
-- to serve real users (issue 6): multi-role grants and recorded consent.
--
-- What it does:
--   1. Creates auth.user_roles (id_usuario, role, granted_at, granted_by): roles a user holds on
--      top of the single V1 column sys_usuarios.rol, e.g. the coordinator's release-manager /
--      approver / viewer, the schema agents' schema-viewer / schema-operator, and the domain roles
--      researcher and patient that rol cannot express. PRIMARY KEY (id_usuario, role);
--      user_roles_role_check lists the role names auth-service puts in tokens ('user' is not
--      granted: every token carries it). id_usuario -> sys_usuarios ON DELETE CASCADE (a grant
--      means nothing without its user); granted_by -> sys_usuarios ON DELETE SET NULL (the grant
--      survives its granter), indexed by idx_user_roles_granted_by for that FK.
--   2. Creates auth.consents (id_consent, id_usuario, purpose, granted_at, revoked_at): one row per
--      grant of consent, stamped revoked_at when withdrawn, so the history is evidence of what a
--      user agreed to and when. consents_purpose_check lists the purposes (voice_transcripts);
--      consents_revoked_after_granted keeps the stamps in order; the partial unique index
--      uq_consents_active allows at most one active consent per user and purpose (it also serves
--      the "does the user consent now" lookup before a transcript is stored). id_usuario ->
--      sys_usuarios ON DELETE CASCADE, like voice_transcripts.user_id in V2.
--
-- Deviations from the seed: the seed has no such tables; this version is an addition of
-- Lockstep's (issue 6), not part of seed 000. Its undo refuses while either table holds rows.
-- =====================================================================================

CREATE TABLE auth.user_roles (
    id_usuario  BIGINT       NOT NULL REFERENCES auth.sys_usuarios (id_usuario) ON DELETE CASCADE,
    role        VARCHAR(30)  NOT NULL,
    granted_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    granted_by  BIGINT       REFERENCES auth.sys_usuarios (id_usuario) ON DELETE SET NULL,
    CONSTRAINT user_roles_pkey PRIMARY KEY (id_usuario, role),
    CONSTRAINT user_roles_role_check CHECK (role IN ('admin', 'therapist', 'staff', 'researcher', 'patient',
        'release-manager', 'approver', 'viewer', 'schema-viewer', 'schema-operator'))
);

CREATE INDEX idx_user_roles_granted_by ON auth.user_roles (granted_by);

COMMENT ON TABLE auth.user_roles IS
    'Roles granted to a user on top of sys_usuarios.rol; tokens carry user, the role rol maps to (admin, therapist, staff) and these.';
COMMENT ON COLUMN auth.user_roles.role IS 'A token role name (domain, coordinator or schema-agent role); never user, which every token carries.';
COMMENT ON COLUMN auth.user_roles.granted_by IS 'The admin who granted it; NULL for development users or when that admin was deleted.';

CREATE TABLE auth.consents (
    id_consent  BIGSERIAL    PRIMARY KEY,
    id_usuario  BIGINT       NOT NULL REFERENCES auth.sys_usuarios (id_usuario) ON DELETE CASCADE,
    purpose     VARCHAR(50)  NOT NULL,
    granted_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    revoked_at  TIMESTAMPTZ,
    CONSTRAINT consents_purpose_check CHECK (purpose IN ('voice_transcripts')),
    CONSTRAINT consents_revoked_after_granted CHECK (revoked_at IS NULL OR revoked_at >= granted_at)
);

CREATE UNIQUE INDEX uq_consents_active ON auth.consents (id_usuario, purpose) WHERE revoked_at IS NULL;

COMMENT ON TABLE auth.consents IS
    'Consent records: one row per grant, revoked_at set on withdrawal; the history is kept as evidence. Storing voice transcripts needs an active voice_transcripts consent.';
COMMENT ON COLUMN auth.consents.revoked_at IS 'When the user withdrew this consent; NULL while it is active.';
