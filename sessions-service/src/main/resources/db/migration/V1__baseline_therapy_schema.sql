-- =====================================================================================
-- sessions-service  V1__baseline_therapy_schema.sql
-- Seed 001: "Database Schema Migration Guide" (AI therapist app, normalization to 3NF).
--
-- What it does: reconstructs the therapy schema as it stood BEFORE seed 001's change, i.e. the
-- state its forward migration (our V2) starts from:
--   * schema therapy;
--   * therapy.users             - the seed's "Preserved Tables: users - No changes". In Lockstep
--                                 identities come from auth-service; this legacy table is kept
--                                 only because the seed keeps it unchanged (V2's
--                                 therapy_sessions.user_id references it).
--   * therapy.conversation_logs - the legacy flat message log that seed 001 replaces with
--                                 therapy_sessions + messages ("Kept for historical data").
--
-- Reconstructed (the seed only names these tables; columns chosen plausibly):
--   * users: id SERIAL PK, username VARCHAR(50) NOT NULL UNIQUE, password_hash VARCHAR(255)
--     NOT NULL, role VARCHAR(20) NOT NULL DEFAULT 'therapist' CHECK (therapist, researcher,
--     admin) - the roles the seed's API section implies (therapists see content, researchers
--     see redacted content, admin endpoints), created_at.
--   * conversation_logs: id SERIAL PK, session_id VARCHAR(255) NOT NULL (free-text session
--     key, before sessions became rows), user_id -> therapy.users(id), role, message_type,
--     content, metadata JSONB, "timestamp"; indexes on session_id and on "timestamp" (the
--     seed's messages table mirrors these columns: role, message_type, content, metadata).
--   * Note: the public upstream app (github.com/nathanzbl/Ai-therapist,
--     src/database/migrations/001_create_users_table.sql) names the users PK userid, the hash
--     column password and has roles therapist/researcher/participant; this baseline uses the
--     Lockstep-prescribed shape above instead (V2's FK therefore references users(id)).
--
-- Deviations from the seed:
--   * Objects live in schema therapy instead of public: sessions-service also hosts seeds 002
--     and 004 and table names clash (seeds 001 and 004 both have messages, seeds 002 and 004
--     both have conversations), so each seed gets its own schema (001 -> therapy,
--     002 -> threads, 004 -> clinic).
-- =====================================================================================

CREATE SCHEMA therapy;

COMMENT ON SCHEMA therapy IS 'sessions-service: AI therapy sessions, configurations and messages (seed 001).';

CREATE TABLE therapy.users (
    id             SERIAL       PRIMARY KEY,
    username       VARCHAR(50)  NOT NULL UNIQUE,
    password_hash  VARCHAR(255) NOT NULL,
    role           VARCHAR(20)  NOT NULL DEFAULT 'therapist'
                   CHECK (role IN ('therapist', 'researcher', 'admin')),
    created_at     TIMESTAMP    DEFAULT NOW()
);

COMMENT ON TABLE therapy.users IS
    'Legacy application users of the therapy app (seed 001: "users - No changes"). In Lockstep identities come from auth-service; kept unchanged because therapy_sessions.user_id references it.';
COMMENT ON COLUMN therapy.users.id IS 'Primary key (referenced by conversation_logs.user_id and therapy_sessions.user_id).';
COMMENT ON COLUMN therapy.users.username IS 'Unique login name.';
COMMENT ON COLUMN therapy.users.password_hash IS 'Password hash only (never plain text).';
COMMENT ON COLUMN therapy.users.role IS 'Application role: therapist (sees original content), researcher (sees redacted content) or admin.';
COMMENT ON COLUMN therapy.users.created_at IS 'When the user was created.';

CREATE TABLE therapy.conversation_logs (
    id            SERIAL       PRIMARY KEY,
    session_id    VARCHAR(255) NOT NULL,
    user_id       INTEGER      REFERENCES therapy.users (id),
    role          VARCHAR(20)  NOT NULL,
    message_type  VARCHAR(50),
    content       TEXT         NOT NULL,
    metadata      JSONB,
    timestamp     TIMESTAMP    DEFAULT NOW()
);

CREATE INDEX idx_conversation_logs_session_id ON therapy.conversation_logs (session_id);
CREATE INDEX idx_conversation_logs_timestamp ON therapy.conversation_logs (timestamp);

COMMENT ON TABLE therapy.conversation_logs IS
    'Legacy flat log of therapy conversation messages, one row per message, grouped by a free-text session_id.';
COMMENT ON COLUMN therapy.conversation_logs.id IS 'Primary key.';
COMMENT ON COLUMN therapy.conversation_logs.session_id IS 'Free-text session key grouping the messages of one conversation.';
COMMENT ON COLUMN therapy.conversation_logs.user_id IS 'User who ran the session (NULL for anonymous sessions).';
COMMENT ON COLUMN therapy.conversation_logs.role IS 'Speaker: user, assistant or system.';
COMMENT ON COLUMN therapy.conversation_logs.message_type IS 'Kind of message, e.g. voice or chat.';
COMMENT ON COLUMN therapy.conversation_logs.content IS 'Message content (may contain PHI).';
COMMENT ON COLUMN therapy.conversation_logs.metadata IS 'Additional message metadata.';
COMMENT ON COLUMN therapy.conversation_logs.timestamp IS 'Message timestamp.';
