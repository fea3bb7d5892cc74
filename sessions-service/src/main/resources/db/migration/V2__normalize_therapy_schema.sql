-- =====================================================================================
-- sessions-service  V2__normalize_therapy_schema.sql
-- Seed 001: "Database Schema Migration Guide" - normalizes the therapy schema to 3NF
-- (upstream file migrations/003_normalize_schema.sql of the AI therapist app).
--
-- What it does:
--   * enables pgcrypto ("Enable UUID extension (pgcrypto)"), installed WITH SCHEMA therapy so
--     the undo can tell it was created here and drop it;
--   * creates the four new tables exactly per the seed's "Database Schema Reference":
--       therapy.therapy_sessions       - sessions, optionally tied to a user (user_id NULL for
--                                        anonymous; FK ON DELETE SET NULL), status CHECK
--                                        ('active','ended','archived');
--       therapy.session_configurations - OpenAI Realtime settings, one row per session
--                                        (UNIQUE session_id; FK ON DELETE CASCADE), defaults
--                                        voice 'alloy', modalities ARRAY['text','audio'],
--                                        temperature 0.8, max_response_output_tokens 4096;
--       therapy.messages               - replaces conversation_logs: original content plus
--                                        HIPAA-redacted content, role CHECK
--                                        ('user','assistant','system'); FK ON DELETE CASCADE;
--       therapy.user_sessions          - Express sessions for connect-pg-simple (sid VARCHAR,
--                                        sess JSONB, expire TIMESTAMP(6), PK user_sessions_pkey,
--                                        index "IDX_user_sessions_expire" on expire);
--   * "proper indexes": therapy_sessions (user_id), (status), (created_at DESC) - names as in
--     the upstream migration (idx_sessions_*); messages (session_id, created_at);
--   * trigger function therapy.set_updated_at() + trigger trg_therapy_sessions_set_updated_at
--     keeping therapy_sessions.updated_at ("Last update time") current;
--   * therapy.users and therapy.conversation_logs are not changed (seed: "Preserved Tables");
--     only conversation_logs' table comment now says it is read-only going forward.
--   * comments on tables/columns from the seed's Description column.
--
-- Reconstructed (the seed's column tables give no nullability; taken from the upstream
-- migration): status, created_at, updated_at nullable with defaults; messages.role and
-- messages.message_type NOT NULL, messages.content nullable; session_configurations.session_id
-- NOT NULL. session_id's default uses pg_catalog.gen_random_uuid() (core since PostgreSQL 13,
-- the same function pgcrypto provides), so the column does not depend on the extension's schema.
--
-- Deviations from the seed:
--   * Objects live in schema therapy instead of public (seeds 001/002/004 share this database
--     and table names clash: 001 and 004 both have messages; 002 and 004 both have
--     conversations).
--   * therapy_sessions.user_id references therapy.users(id) (the upstream app's users PK is
--     named userid; our V1 baseline names it id).
--   * The upstream migration also adds session_configurations.created_at and the indexes
--     idx_config_session_id, idx_messages_session_id, idx_messages_created_at, idx_messages_role;
--     they are not in the seed's schema reference, so they are left out (the UNIQUE constraint
--     already indexes session_configurations.session_id; the composite messages index serves
--     session_id lookups).
--   * user_sessions follows connect-pg-simple's table definition (named PK, index on expire,
--     TIMESTAMP(6)) rather than the upstream's inline PRIMARY KEY / idx_user_sessions_expire.
--   * Added the updated_at trigger (the seed describes updated_at as "Last update time" but the
--     upstream relies on the application to set it).
-- =====================================================================================

CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA therapy;

-- -------------------------------------------------------------------------------------
-- therapy_sessions
-- -------------------------------------------------------------------------------------
CREATE TABLE therapy.therapy_sessions (
    session_id    UUID          PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
    user_id       INTEGER       REFERENCES therapy.users (id) ON DELETE SET NULL,
    session_name  VARCHAR(255),
    status        VARCHAR(20)   DEFAULT 'active'
                  CHECK (status IN ('active', 'ended', 'archived')),
    created_at    TIMESTAMP     DEFAULT CURRENT_TIMESTAMP,
    updated_at    TIMESTAMP     DEFAULT CURRENT_TIMESTAMP,
    ended_at      TIMESTAMP
);

CREATE INDEX idx_sessions_user_id ON therapy.therapy_sessions (user_id);
CREATE INDEX idx_sessions_status ON therapy.therapy_sessions (status);
CREATE INDEX idx_sessions_created_at ON therapy.therapy_sessions (created_at DESC);

COMMENT ON TABLE therapy.therapy_sessions IS
    'Tracks therapy sessions with user associations (one row per session; a user can have many sessions).';
COMMENT ON COLUMN therapy.therapy_sessions.session_id IS 'Primary key (auto-generated UUID).';
COMMENT ON COLUMN therapy.therapy_sessions.user_id IS 'FK to users (NULL for anonymous sessions; set to NULL when the user is deleted).';
COMMENT ON COLUMN therapy.therapy_sessions.session_name IS 'Auto-generated descriptive name (AI summary created when the session ends).';
COMMENT ON COLUMN therapy.therapy_sessions.status IS 'Session lifecycle status: ''active'', ''ended'', or ''archived''.';
COMMENT ON COLUMN therapy.therapy_sessions.created_at IS 'Session start time.';
COMMENT ON COLUMN therapy.therapy_sessions.updated_at IS 'Last update time (maintained by trigger trg_therapy_sessions_set_updated_at).';
COMMENT ON COLUMN therapy.therapy_sessions.ended_at IS 'Session end time.';

-- -------------------------------------------------------------------------------------
-- session_configurations
-- -------------------------------------------------------------------------------------
CREATE TABLE therapy.session_configurations (
    config_id                   SERIAL        PRIMARY KEY,
    session_id                  UUID          NOT NULL UNIQUE
                                REFERENCES therapy.therapy_sessions (session_id) ON DELETE CASCADE,
    voice                       VARCHAR(50)   DEFAULT 'alloy',
    modalities                  TEXT[]        DEFAULT ARRAY['text', 'audio'],
    instructions                TEXT,
    turn_detection              JSONB,
    tools                       JSONB,
    temperature                 DECIMAL(3,2)  DEFAULT 0.8,
    max_response_output_tokens  INTEGER       DEFAULT 4096
);

COMMENT ON TABLE therapy.session_configurations IS
    'Stores OpenAI (Realtime API) session settings per therapy session (at most one row per session).';
COMMENT ON COLUMN therapy.session_configurations.config_id IS 'Primary key.';
COMMENT ON COLUMN therapy.session_configurations.session_id IS 'FK to therapy_sessions (UNIQUE: one configuration per session; deleted with the session).';
COMMENT ON COLUMN therapy.session_configurations.voice IS 'OpenAI voice (default: ''alloy'').';
COMMENT ON COLUMN therapy.session_configurations.modalities IS 'Enabled modalities, default [''text'', ''audio''].';
COMMENT ON COLUMN therapy.session_configurations.instructions IS 'System prompt.';
COMMENT ON COLUMN therapy.session_configurations.turn_detection IS 'Turn detection settings.';
COMMENT ON COLUMN therapy.session_configurations.tools IS 'OpenAI function tools.';
COMMENT ON COLUMN therapy.session_configurations.temperature IS 'Sampling temperature (default: 0.8).';
COMMENT ON COLUMN therapy.session_configurations.max_response_output_tokens IS 'Maximum response output tokens (default: 4096).';

-- -------------------------------------------------------------------------------------
-- messages
-- -------------------------------------------------------------------------------------
CREATE TABLE therapy.messages (
    message_id        BIGSERIAL    PRIMARY KEY,
    session_id        UUID         NOT NULL
                      REFERENCES therapy.therapy_sessions (session_id) ON DELETE CASCADE,
    role              VARCHAR(20)  NOT NULL CHECK (role IN ('user', 'assistant', 'system')),
    message_type      VARCHAR(50)  NOT NULL,
    content           TEXT,
    content_redacted  TEXT,
    metadata          JSONB,
    created_at        TIMESTAMP    DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX idx_messages_session_id_created_at ON therapy.messages (session_id, created_at);

COMMENT ON TABLE therapy.messages IS
    'Therapy session messages; replaces conversation_logs with a normalized structure (original and HIPAA-redacted content).';
COMMENT ON COLUMN therapy.messages.message_id IS 'Primary key.';
COMMENT ON COLUMN therapy.messages.session_id IS 'FK to therapy_sessions (messages are deleted with their session).';
COMMENT ON COLUMN therapy.messages.role IS 'Speaker: ''user'', ''assistant'' or ''system''.';
COMMENT ON COLUMN therapy.messages.message_type IS 'Kind of message: ''voice'', ''chat'', etc.';
COMMENT ON COLUMN therapy.messages.content IS 'Original message content (may contain PHI; therapists only).';
COMMENT ON COLUMN therapy.messages.content_redacted IS 'HIPAA-redacted content (for researchers).';
COMMENT ON COLUMN therapy.messages.metadata IS 'Additional metadata.';
COMMENT ON COLUMN therapy.messages.created_at IS 'Message timestamp.';

-- -------------------------------------------------------------------------------------
-- user_sessions (connect-pg-simple store)
-- -------------------------------------------------------------------------------------
CREATE TABLE therapy.user_sessions (
    sid     VARCHAR       NOT NULL,
    sess    JSONB         NOT NULL,
    expire  TIMESTAMP(6)  NOT NULL,
    CONSTRAINT user_sessions_pkey PRIMARY KEY (sid)
);

CREATE INDEX "IDX_user_sessions_expire" ON therapy.user_sessions (expire);

COMMENT ON TABLE therapy.user_sessions IS
    'Persists Express.js login sessions (connect-pg-simple store) so they survive server restarts.';
COMMENT ON COLUMN therapy.user_sessions.sid IS 'Primary key (session ID).';
COMMENT ON COLUMN therapy.user_sessions.sess IS 'Session data.';
COMMENT ON COLUMN therapy.user_sessions.expire IS 'Expiration time.';

-- -------------------------------------------------------------------------------------
-- updated_at trigger
-- -------------------------------------------------------------------------------------
CREATE FUNCTION therapy.set_updated_at() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
  NEW.updated_at := CURRENT_TIMESTAMP;
  RETURN NEW;
END;
$$;

COMMENT ON FUNCTION therapy.set_updated_at() IS 'Trigger function: sets NEW.updated_at to the current time on UPDATE.';

CREATE TRIGGER trg_therapy_sessions_set_updated_at
    BEFORE UPDATE ON therapy.therapy_sessions
    FOR EACH ROW EXECUTE FUNCTION therapy.set_updated_at();

-- -------------------------------------------------------------------------------------
-- conversation_logs: unchanged, read-only going forward
-- -------------------------------------------------------------------------------------
COMMENT ON TABLE therapy.conversation_logs IS
    'Legacy flat log of therapy conversation messages. READ-ONLY going forward: kept for historical data only (seed 001); new messages are written to therapy.messages.';
