-- =====================================================================================
-- sessions-service  V4__clinic_initial_schema.sql
-- Seed 004: "Task 1: Database Schema Migration" (clinic bot: patients, conversations,
-- messages, availability, blocked_times, appointments, webhook_idempotency, audit_logs).
--
-- Source followed for columns the task list leaves open: the public upstream migration the seed
-- produced, github.com/Dr-Zurb/Clariva-bot backend/migrations/001_initial_schema.sql (its
-- DB_SCHEMA.md is the seed's "authoritative" reference): column lists, NOT NULLs, defaults,
-- CHECK value lists and UNIQUE constraints come from there unless listed as a deviation below.
--
-- What it does (schema clinic), following the seed's Design Constraints:
--   * every PK is UUID DEFAULT gen_random_uuid() (core function, no extension needed);
--   * every record timestamp (created_at, updated_at, received_at) is TIMESTAMPTZ DEFAULT now();
--   * TEXT for all strings (no VARCHAR/CHAR);
--   * RLS ENABLED on every table (no policies: they are the seed's Task 2);
--   * one trigger function clinic.update_updated_at_column() with a BEFORE UPDATE trigger
--     update_<table>_updated_at on every table having updated_at (user_refs, patients,
--     conversations, availability, appointments);
--   * compliance: every table and every column has a COMMENT starting with its data
--     classification ("Classification: PHI. ENCRYPTED PHI (at rest + in transit). ...",
--     "Classification: administrative. ..." or "Classification: public social. ...").
--     PHI columns: patients.name, phone, date_of_birth, gender; messages.content;
--     appointments.patient_name, patient_phone, notes. No PHI in webhook_idempotency or
--     audit_logs (IDs only).
--   * indexes: exactly the ones in the seed's section 4, named idx_<table>_<columns>;
--   * CHECKs: appointments.status, webhook_idempotency.provider and .status, audit_logs.status,
--     conversations.platform and .status, messages.sender_type, availability.day_of_week (0..6)
--     and end_time > start_time, blocked_times end_time > start_time;
--   * UNIQUE: webhook_idempotency (provider, event_id) - a provider event is processed once;
--     conversations (doctor_id, platform, platform_conversation_id), messages (conversation_id,
--     platform_message_id), availability (doctor_id, day_of_week, start_time, end_time) as upstream.
--
-- Cross-database foreign keys: the seed's FKs to auth.users(id) (doctors are auth users;
-- audit_logs.user_id) point at a table owned by auth-service in another database. Per Lockstep
-- conventions they reference the LOCAL REFERENCE TABLE clinic.user_refs instead: one row per
-- auth-service user this schema refers to, keyed by auth_user_id (the auth-service user id,
-- BIGINT, UNIQUE) with its own UUID id so the seed's UUID doctor_id/user_id columns are kept.
--
-- ON DELETE behaviour (chosen and documented; the seed asks for it to be "as specified"):
--   conversations.doctor_id -> user_refs  RESTRICT   conversations.patient_id -> patients RESTRICT
--   messages.conversation_id -> conversations CASCADE (messages belong to their conversation)
--   availability.doctor_id  -> user_refs  RESTRICT   blocked_times.doctor_id -> user_refs RESTRICT
--   appointments.doctor_id  -> user_refs  RESTRICT   appointments.patient_id -> patients RESTRICT
--   audit_logs.user_id      -> user_refs  SET NULL   (the audit trail outlives the user reference)
--
-- Deviations from the seed (each with why):
--   * Schema clinic instead of public (seeds 001/002/004 share this database; 004's messages and
--     conversations clash with 001's and 002's).
--   * FKs to auth.users(id) reference clinic.user_refs(id) (cross-database, see above).
--   * webhook_idempotency gets id UUID as primary key (the seed demands UUID PKs for all
--     tables; upstream used event_id TEXT as PK) and UNIQUE (provider, event_id) instead, since
--     event ids are only unique per provider.
--   * Doctor references use ON DELETE RESTRICT instead of upstream's CASCADE, and
--     conversations.patient_id RESTRICT instead of CASCADE: deleting a doctor reference or a
--     patient must not silently erase clinical conversations/appointments (retention rules).
--   * appointments.patient_id (UUID NOT NULL -> patients) is added: the task lists patients and
--     appointments, and Lockstep links them; patient_name / patient_phone are kept as in
--     DB_SCHEMA.md (PHI, booking-time contact snapshot).
--   * Timestamps that are business values, not record times, have no DEFAULT now():
--     appointments.appointment_date, blocked_times.start_time/end_time (NOT NULL, supplied by
--     the caller) and webhook_idempotency.processed_at (NULL until processed). availability's
--     start_time/end_time are TIME (weekly time of day, not a timestamp), as upstream.
--   * Added CHECK availability end_time > start_time (asked for; upstream lacked it).
--   * Upstream's extra indexes not in the seed's section 4 are left out
--     (idx_conversations_platform_conversation_id, idx_messages_platform_message_id,
--     idx_availability_doctor_day, idx_blocked_times_doctor_time_range); upstream names
--     idx_appointments_doctor_status_date / idx_audit_logs_resource_type_id are spelled
--     idx_appointments_doctor_id_status_appointment_date / idx_audit_logs_resource_type_resource_id.
--   * No IF NOT EXISTS (Flyway versions run exactly once).
-- =====================================================================================

CREATE SCHEMA clinic;

COMMENT ON SCHEMA clinic IS 'sessions-service: clinic patients, platform conversations/messages, doctor availability, appointments, webhook idempotency and audit logs (seed 004).';

-- -------------------------------------------------------------------------------------
-- user_refs: local reference table for auth-service users (doctors, staff)
-- -------------------------------------------------------------------------------------
CREATE TABLE clinic.user_refs (
    id            UUID         PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
    auth_user_id  BIGINT       NOT NULL UNIQUE,
    display_name  TEXT,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);

COMMENT ON TABLE clinic.user_refs IS
    'Classification: administrative. Local reference table of auth-service users (doctors/staff) referenced by this schema; replaces the seed''s cross-database FKs to auth.users(id).';
COMMENT ON COLUMN clinic.user_refs.id IS 'Classification: administrative. Primary key (UUID) used by doctor_id / user_id foreign keys.';
COMMENT ON COLUMN clinic.user_refs.auth_user_id IS 'Classification: administrative. The auth-service user id (unique).';
COMMENT ON COLUMN clinic.user_refs.display_name IS 'Classification: administrative. Cached display name of the doctor/staff user.';
COMMENT ON COLUMN clinic.user_refs.created_at IS 'Classification: administrative. Row creation time.';
COMMENT ON COLUMN clinic.user_refs.updated_at IS 'Classification: administrative. Last update time (trigger update_user_refs_updated_at).';

-- -------------------------------------------------------------------------------------
-- patients
-- -------------------------------------------------------------------------------------
CREATE TABLE clinic.patients (
    id             UUID         PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
    name           TEXT         NOT NULL,
    phone          TEXT         NOT NULL,
    date_of_birth  DATE,
    gender         TEXT,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX idx_patients_phone ON clinic.patients (phone);

COMMENT ON TABLE clinic.patients IS
    'Classification: PHI. ENCRYPTED PHI (at rest + in transit). Patient identity and contact data (name, phone, date of birth, gender).';
COMMENT ON COLUMN clinic.patients.id IS 'Classification: administrative. Primary key (UUID).';
COMMENT ON COLUMN clinic.patients.name IS 'Classification: PHI. ENCRYPTED PHI (at rest + in transit). Patient full name.';
COMMENT ON COLUMN clinic.patients.phone IS 'Classification: PHI. ENCRYPTED PHI (at rest + in transit). Patient phone number (lookup index idx_patients_phone).';
COMMENT ON COLUMN clinic.patients.date_of_birth IS 'Classification: PHI. ENCRYPTED PHI (at rest + in transit). Date of birth (optional).';
COMMENT ON COLUMN clinic.patients.gender IS 'Classification: PHI. ENCRYPTED PHI (at rest + in transit). Gender (optional).';
COMMENT ON COLUMN clinic.patients.created_at IS 'Classification: administrative. Row creation time.';
COMMENT ON COLUMN clinic.patients.updated_at IS 'Classification: administrative. Last update time (trigger update_patients_updated_at).';

-- -------------------------------------------------------------------------------------
-- conversations
-- -------------------------------------------------------------------------------------
CREATE TABLE clinic.conversations (
    id                        UUID         PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
    doctor_id                 UUID         NOT NULL REFERENCES clinic.user_refs (id) ON DELETE RESTRICT,
    patient_id                UUID         NOT NULL REFERENCES clinic.patients (id) ON DELETE RESTRICT,
    platform                  TEXT         NOT NULL
                              CHECK (platform IN ('facebook', 'instagram', 'whatsapp')),
    platform_conversation_id  TEXT         NOT NULL,
    status                    TEXT         NOT NULL DEFAULT 'active'
                              CHECK (status IN ('active', 'archived', 'closed')),
    created_at                TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at                TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (doctor_id, platform, platform_conversation_id)
);

CREATE INDEX idx_conversations_doctor_id ON clinic.conversations (doctor_id);
CREATE INDEX idx_conversations_patient_id ON clinic.conversations (patient_id);
CREATE INDEX idx_conversations_platform ON clinic.conversations (platform);

COMMENT ON TABLE clinic.conversations IS
    'Classification: administrative. Conversation threads between a patient and a doctor on a social messaging platform (content lives in messages).';
COMMENT ON COLUMN clinic.conversations.id IS 'Classification: administrative. Primary key (UUID).';
COMMENT ON COLUMN clinic.conversations.doctor_id IS 'Classification: administrative. Doctor (clinic.user_refs; ON DELETE RESTRICT).';
COMMENT ON COLUMN clinic.conversations.patient_id IS 'Classification: administrative. Patient (clinic.patients; ON DELETE RESTRICT).';
COMMENT ON COLUMN clinic.conversations.platform IS 'Classification: public social. Messaging platform: facebook, instagram or whatsapp.';
COMMENT ON COLUMN clinic.conversations.platform_conversation_id IS 'Classification: public social. Platform-specific conversation/thread id (unique per doctor and platform).';
COMMENT ON COLUMN clinic.conversations.status IS 'Classification: administrative. active, archived or closed.';
COMMENT ON COLUMN clinic.conversations.created_at IS 'Classification: administrative. Row creation time.';
COMMENT ON COLUMN clinic.conversations.updated_at IS 'Classification: administrative. Last update time (trigger update_conversations_updated_at).';

-- -------------------------------------------------------------------------------------
-- messages
-- -------------------------------------------------------------------------------------
CREATE TABLE clinic.messages (
    id                   UUID         PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
    conversation_id      UUID         NOT NULL REFERENCES clinic.conversations (id) ON DELETE CASCADE,
    platform_message_id  TEXT         NOT NULL,
    sender_type          TEXT         NOT NULL
                         CHECK (sender_type IN ('patient', 'doctor', 'system')),
    content              TEXT         NOT NULL,
    intent               TEXT,
    created_at           TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (conversation_id, platform_message_id)
);

CREATE INDEX idx_messages_conversation_id ON clinic.messages (conversation_id);
CREATE INDEX idx_messages_created_at ON clinic.messages (created_at);

COMMENT ON TABLE clinic.messages IS
    'Classification: PHI. ENCRYPTED PHI (at rest + in transit). Individual messages of a conversation; content may contain health information.';
COMMENT ON COLUMN clinic.messages.id IS 'Classification: administrative. Primary key (UUID).';
COMMENT ON COLUMN clinic.messages.conversation_id IS 'Classification: administrative. Conversation (clinic.conversations; ON DELETE CASCADE).';
COMMENT ON COLUMN clinic.messages.platform_message_id IS 'Classification: public social. Platform-specific message id (unique per conversation; deduplicates webhook deliveries).';
COMMENT ON COLUMN clinic.messages.sender_type IS 'Classification: administrative. patient, doctor or system.';
COMMENT ON COLUMN clinic.messages.content IS 'Classification: PHI. ENCRYPTED PHI (at rest + in transit). Message text; never copied to logs.';
COMMENT ON COLUMN clinic.messages.intent IS 'Classification: administrative. Extracted intent label, e.g. book_appointment or cancel_appointment.';
COMMENT ON COLUMN clinic.messages.created_at IS 'Classification: administrative. When the message was stored.';

-- -------------------------------------------------------------------------------------
-- availability
-- -------------------------------------------------------------------------------------
CREATE TABLE clinic.availability (
    id            UUID         PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
    doctor_id     UUID         NOT NULL REFERENCES clinic.user_refs (id) ON DELETE RESTRICT,
    day_of_week   INTEGER      NOT NULL CHECK (day_of_week >= 0 AND day_of_week <= 6),
    start_time    TIME         NOT NULL,
    end_time      TIME         NOT NULL,
    is_available  BOOLEAN      NOT NULL DEFAULT true,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (doctor_id, day_of_week, start_time, end_time),
    CONSTRAINT availability_end_after_start_check CHECK (end_time > start_time)
);

CREATE INDEX idx_availability_doctor_id ON clinic.availability (doctor_id);
CREATE INDEX idx_availability_day_of_week ON clinic.availability (day_of_week);

COMMENT ON TABLE clinic.availability IS
    'Classification: administrative. Weekly availability schedule of doctors (no PHI).';
COMMENT ON COLUMN clinic.availability.id IS 'Classification: administrative. Primary key (UUID).';
COMMENT ON COLUMN clinic.availability.doctor_id IS 'Classification: administrative. Doctor (clinic.user_refs; ON DELETE RESTRICT).';
COMMENT ON COLUMN clinic.availability.day_of_week IS 'Classification: administrative. Day of week, 0 = Sunday .. 6 = Saturday.';
COMMENT ON COLUMN clinic.availability.start_time IS 'Classification: administrative. Start time of day of the slot.';
COMMENT ON COLUMN clinic.availability.end_time IS 'Classification: administrative. End time of day of the slot (after start_time).';
COMMENT ON COLUMN clinic.availability.is_available IS 'Classification: administrative. Whether the slot is bookable.';
COMMENT ON COLUMN clinic.availability.created_at IS 'Classification: administrative. Row creation time.';
COMMENT ON COLUMN clinic.availability.updated_at IS 'Classification: administrative. Last update time (trigger update_availability_updated_at).';

-- -------------------------------------------------------------------------------------
-- blocked_times
-- -------------------------------------------------------------------------------------
CREATE TABLE clinic.blocked_times (
    id          UUID         PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
    doctor_id   UUID         NOT NULL REFERENCES clinic.user_refs (id) ON DELETE RESTRICT,
    start_time  TIMESTAMPTZ  NOT NULL,
    end_time    TIMESTAMPTZ  NOT NULL,
    reason      TEXT,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT blocked_times_end_after_start_check CHECK (end_time > start_time)
);

CREATE INDEX idx_blocked_times_doctor_id ON clinic.blocked_times (doctor_id);
CREATE INDEX idx_blocked_times_start_time ON clinic.blocked_times (start_time);
CREATE INDEX idx_blocked_times_end_time ON clinic.blocked_times (end_time);

COMMENT ON TABLE clinic.blocked_times IS
    'Classification: administrative. Time ranges in which a doctor cannot be booked (no PHI).';
COMMENT ON COLUMN clinic.blocked_times.id IS 'Classification: administrative. Primary key (UUID).';
COMMENT ON COLUMN clinic.blocked_times.doctor_id IS 'Classification: administrative. Doctor (clinic.user_refs; ON DELETE RESTRICT).';
COMMENT ON COLUMN clinic.blocked_times.start_time IS 'Classification: administrative. Start of the blocked range.';
COMMENT ON COLUMN clinic.blocked_times.end_time IS 'Classification: administrative. End of the blocked range (after start_time).';
COMMENT ON COLUMN clinic.blocked_times.reason IS 'Classification: administrative. Why the time is blocked (no patient details).';
COMMENT ON COLUMN clinic.blocked_times.created_at IS 'Classification: administrative. Row creation time.';

-- -------------------------------------------------------------------------------------
-- appointments
-- -------------------------------------------------------------------------------------
CREATE TABLE clinic.appointments (
    id                UUID         PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
    doctor_id         UUID         NOT NULL REFERENCES clinic.user_refs (id) ON DELETE RESTRICT,
    patient_id        UUID         NOT NULL REFERENCES clinic.patients (id) ON DELETE RESTRICT,
    patient_name      TEXT         NOT NULL,
    patient_phone     TEXT         NOT NULL,
    appointment_date  TIMESTAMPTZ  NOT NULL,
    status            TEXT         NOT NULL DEFAULT 'pending'
                      CHECK (status IN ('pending', 'confirmed', 'cancelled', 'completed')),
    notes             TEXT,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX idx_appointments_doctor_id ON clinic.appointments (doctor_id);
CREATE INDEX idx_appointments_appointment_date ON clinic.appointments (appointment_date);
CREATE INDEX idx_appointments_doctor_id_status_appointment_date ON clinic.appointments (doctor_id, status, appointment_date);

COMMENT ON TABLE clinic.appointments IS
    'Classification: PHI. ENCRYPTED PHI (at rest + in transit). Appointment bookings of patients with doctors.';
COMMENT ON COLUMN clinic.appointments.id IS 'Classification: administrative. Primary key (UUID).';
COMMENT ON COLUMN clinic.appointments.doctor_id IS 'Classification: administrative. Doctor (clinic.user_refs; ON DELETE RESTRICT).';
COMMENT ON COLUMN clinic.appointments.patient_id IS 'Classification: administrative. Patient (clinic.patients; ON DELETE RESTRICT).';
COMMENT ON COLUMN clinic.appointments.patient_name IS 'Classification: PHI. ENCRYPTED PHI (at rest + in transit). Patient name as given at booking.';
COMMENT ON COLUMN clinic.appointments.patient_phone IS 'Classification: PHI. ENCRYPTED PHI (at rest + in transit). Patient phone as given at booking.';
COMMENT ON COLUMN clinic.appointments.appointment_date IS 'Classification: administrative. Date and time of the appointment.';
COMMENT ON COLUMN clinic.appointments.status IS 'Classification: administrative. pending, confirmed, cancelled or completed.';
COMMENT ON COLUMN clinic.appointments.notes IS 'Classification: PHI. ENCRYPTED PHI (at rest + in transit). Free-text notes about the appointment.';
COMMENT ON COLUMN clinic.appointments.created_at IS 'Classification: administrative. Row creation time.';
COMMENT ON COLUMN clinic.appointments.updated_at IS 'Classification: administrative. Last update time (trigger update_appointments_updated_at).';

-- -------------------------------------------------------------------------------------
-- webhook_idempotency
-- -------------------------------------------------------------------------------------
CREATE TABLE clinic.webhook_idempotency (
    id              UUID         PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
    event_id        TEXT         NOT NULL,
    provider        TEXT         NOT NULL
                    CHECK (provider IN ('facebook', 'instagram', 'whatsapp')),
    received_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    status          TEXT         NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'processed', 'failed')),
    processed_at    TIMESTAMPTZ,
    correlation_id  TEXT         NOT NULL,
    error_message   TEXT,
    retry_count     INTEGER      NOT NULL DEFAULT 0,
    CONSTRAINT webhook_idempotency_provider_event_id_key UNIQUE (provider, event_id)
);

CREATE INDEX idx_webhook_idempotency_provider ON clinic.webhook_idempotency (provider);
CREATE INDEX idx_webhook_idempotency_status ON clinic.webhook_idempotency (status);
CREATE INDEX idx_webhook_idempotency_received_at ON clinic.webhook_idempotency (received_at);

COMMENT ON TABLE clinic.webhook_idempotency IS
    'Classification: administrative. One row per received webhook event, so each provider event is processed once (no PHI, metadata only).';
COMMENT ON COLUMN clinic.webhook_idempotency.id IS 'Classification: administrative. Primary key (UUID).';
COMMENT ON COLUMN clinic.webhook_idempotency.event_id IS 'Classification: administrative. Provider event id or payload hash (unique per provider).';
COMMENT ON COLUMN clinic.webhook_idempotency.provider IS 'Classification: administrative. Webhook provider: facebook, instagram or whatsapp.';
COMMENT ON COLUMN clinic.webhook_idempotency.received_at IS 'Classification: administrative. When the event was received.';
COMMENT ON COLUMN clinic.webhook_idempotency.status IS 'Classification: administrative. pending, processed or failed.';
COMMENT ON COLUMN clinic.webhook_idempotency.processed_at IS 'Classification: administrative. When processing finished (NULL until then).';
COMMENT ON COLUMN clinic.webhook_idempotency.correlation_id IS 'Classification: administrative. Request correlation id.';
COMMENT ON COLUMN clinic.webhook_idempotency.error_message IS 'Classification: administrative. Processing error (no PHI).';
COMMENT ON COLUMN clinic.webhook_idempotency.retry_count IS 'Classification: administrative. Number of processing retries.';

-- -------------------------------------------------------------------------------------
-- audit_logs
-- -------------------------------------------------------------------------------------
CREATE TABLE clinic.audit_logs (
    id              UUID         PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
    correlation_id  TEXT         NOT NULL,
    user_id         UUID         REFERENCES clinic.user_refs (id) ON DELETE SET NULL,
    action          TEXT         NOT NULL,
    resource_type   TEXT         NOT NULL,
    resource_id     UUID,
    status          TEXT         NOT NULL CHECK (status IN ('success', 'failure')),
    error_message   TEXT,
    metadata        JSONB,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX idx_audit_logs_user_id ON clinic.audit_logs (user_id);
CREATE INDEX idx_audit_logs_action ON clinic.audit_logs (action);
CREATE INDEX idx_audit_logs_resource_type_resource_id ON clinic.audit_logs (resource_type, resource_id);
CREATE INDEX idx_audit_logs_created_at ON clinic.audit_logs (created_at);
CREATE INDEX idx_audit_logs_correlation_id ON clinic.audit_logs (correlation_id);

COMMENT ON TABLE clinic.audit_logs IS
    'Classification: administrative. Compliance audit trail of actions on resources (IDs only, never PHI).';
COMMENT ON COLUMN clinic.audit_logs.id IS 'Classification: administrative. Primary key (UUID).';
COMMENT ON COLUMN clinic.audit_logs.correlation_id IS 'Classification: administrative. Request correlation id.';
COMMENT ON COLUMN clinic.audit_logs.user_id IS 'Classification: administrative. Acting user (clinic.user_refs; NULL for system actions; ON DELETE SET NULL).';
COMMENT ON COLUMN clinic.audit_logs.action IS 'Classification: administrative. Action, e.g. create_appointment or cancel_appointment.';
COMMENT ON COLUMN clinic.audit_logs.resource_type IS 'Classification: administrative. Type of the affected resource, e.g. appointment.';
COMMENT ON COLUMN clinic.audit_logs.resource_id IS 'Classification: administrative. Id of the affected resource.';
COMMENT ON COLUMN clinic.audit_logs.status IS 'Classification: administrative. success or failure.';
COMMENT ON COLUMN clinic.audit_logs.error_message IS 'Classification: administrative. Error details (no PHI).';
COMMENT ON COLUMN clinic.audit_logs.metadata IS 'Classification: administrative. Additional context: IDs and metadata only, never PHI.';
COMMENT ON COLUMN clinic.audit_logs.created_at IS 'Classification: administrative. When the action happened.';

-- -------------------------------------------------------------------------------------
-- updated_at trigger
-- -------------------------------------------------------------------------------------
CREATE FUNCTION clinic.update_updated_at_column() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;

COMMENT ON FUNCTION clinic.update_updated_at_column() IS 'Trigger function: sets NEW.updated_at to now() on UPDATE (used by every clinic table having updated_at).';

CREATE TRIGGER update_user_refs_updated_at
    BEFORE UPDATE ON clinic.user_refs
    FOR EACH ROW EXECUTE FUNCTION clinic.update_updated_at_column();

CREATE TRIGGER update_patients_updated_at
    BEFORE UPDATE ON clinic.patients
    FOR EACH ROW EXECUTE FUNCTION clinic.update_updated_at_column();

CREATE TRIGGER update_conversations_updated_at
    BEFORE UPDATE ON clinic.conversations
    FOR EACH ROW EXECUTE FUNCTION clinic.update_updated_at_column();

CREATE TRIGGER update_availability_updated_at
    BEFORE UPDATE ON clinic.availability
    FOR EACH ROW EXECUTE FUNCTION clinic.update_updated_at_column();

CREATE TRIGGER update_appointments_updated_at
    BEFORE UPDATE ON clinic.appointments
    FOR EACH ROW EXECUTE FUNCTION clinic.update_updated_at_column();

-- -------------------------------------------------------------------------------------
-- Row level security: enabled on every table (policies come with the seed's Task 2)
-- -------------------------------------------------------------------------------------
ALTER TABLE clinic.user_refs ENABLE ROW LEVEL SECURITY;
ALTER TABLE clinic.patients ENABLE ROW LEVEL SECURITY;
ALTER TABLE clinic.conversations ENABLE ROW LEVEL SECURITY;
ALTER TABLE clinic.messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE clinic.availability ENABLE ROW LEVEL SECURITY;
ALTER TABLE clinic.blocked_times ENABLE ROW LEVEL SECURITY;
ALTER TABLE clinic.appointments ENABLE ROW LEVEL SECURITY;
ALTER TABLE clinic.webhook_idempotency ENABLE ROW LEVEL SECURITY;
ALTER TABLE clinic.audit_logs ENABLE ROW LEVEL SECURITY;
