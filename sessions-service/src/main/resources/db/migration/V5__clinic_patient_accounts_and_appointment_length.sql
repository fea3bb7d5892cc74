-- =====================================================================================
-- sessions-service  V5__clinic_patient_accounts_and_appointment_length.sql
-- Seed 004 (schema clinic), follow-up to V4: what the clinic HTTP API (docs/API.md, "Clinic")
-- needs that the seed's Task 1 schema does not hold. Not a seed task of its own; it keeps the
-- seed's Design Constraints (UUID keys, TEXT, TIMESTAMPTZ, a Classification comment on every
-- column, RLS stays enabled, indexes named idx_<table>_<columns>).
--
-- What it does:
--   * clinic.patients.user_ref_id UUID NULL, UNIQUE, REFERENCES clinic.user_refs (id)
--     ON DELETE RESTRICT: links a patient record to the auth-service account of the patient, so
--     a caller with role patient sees only their own record and appointments (the seed's
--     "patients see only their own data"). NULL for patients without an account (e.g. created
--     from a messaging webhook). RESTRICT like every other reference to user_refs (V4).
--   * clinic.appointments.duration_minutes INTEGER NOT NULL DEFAULT 30, CHECK 5..480: the length
--     of an appointment, fixed at booking, so "no double booking" compares time ranges
--     [appointment_date, appointment_date + duration). Existing rows get 30 minutes, the API's
--     default length.
--   * partial UNIQUE index idx_appointments_doctor_id_appointment_date_active on
--     (doctor_id, appointment_date) WHERE status <> 'cancelled': the database itself refuses two
--     live appointments of one doctor starting at the same instant. The API's full overlap rule
--     (ranges, availability, blocked times) runs under a per-doctor row lock; this index is the
--     backstop for writers that bypass it. Refuses to run (RAISE, with the ids to resolve) when
--     such duplicates already exist.
--
-- Deviations from the seed (each with why):
--   * Columns the seed does not list (user_ref_id, duration_minutes): the seed's schema has no
--     way to tell which patient a signed-in user is, nor how long an appointment lasts, and both
--     are needed to serve it (own-data access, overlap checks).
--   * No RLS policies (the seed's Task 2): the service's database role owns these tables (Flyway
--     runs as it), and owners bypass RLS unless FORCE ROW LEVEL SECURITY is set, which would also
--     hide rows from the schema agent's pg_dump backups and undo guards. Access rules are enforced
--     by the API instead; see docs/API.md "Row level security".
-- =====================================================================================

DO $$
DECLARE
  dup text;
BEGIN
  SELECT string_agg(ids, '; ') INTO dup
  FROM (SELECT string_agg(id::text, ', ' ORDER BY id) AS ids
        FROM clinic.appointments
        WHERE status <> 'cancelled'
        GROUP BY doctor_id, appointment_date
        HAVING count(*) > 1
        LIMIT 20) d;
  IF dup IS NOT NULL THEN
    RAISE EXCEPTION 'Cannot apply V5: clinic.appointments holds live appointments of one doctor at the same instant: %', dup
      USING HINT = 'Cancel all but one appointment of each group (status = ''cancelled''), then apply V5 again.';
  END IF;
END $$;

ALTER TABLE clinic.patients
    ADD COLUMN user_ref_id UUID
        CONSTRAINT patients_user_ref_id_fkey REFERENCES clinic.user_refs (id) ON DELETE RESTRICT,
    ADD CONSTRAINT patients_user_ref_id_key UNIQUE (user_ref_id);

COMMENT ON COLUMN clinic.patients.user_ref_id IS
    'Classification: administrative. The patient''s own auth-service account (clinic.user_refs; UNIQUE; ON DELETE RESTRICT); NULL when the patient has no account.';

ALTER TABLE clinic.appointments
    ADD COLUMN duration_minutes INTEGER NOT NULL DEFAULT 30
        CONSTRAINT appointments_duration_minutes_check CHECK (duration_minutes >= 5 AND duration_minutes <= 480);

COMMENT ON COLUMN clinic.appointments.duration_minutes IS
    'Classification: administrative. Length of the appointment in minutes (5..480), fixed at booking; the appointment occupies [appointment_date, appointment_date + duration).';

CREATE UNIQUE INDEX idx_appointments_doctor_id_appointment_date_active
    ON clinic.appointments (doctor_id, appointment_date)
    WHERE status <> 'cancelled';

COMMENT ON INDEX clinic.idx_appointments_doctor_id_appointment_date_active IS
    'No two live (not cancelled) appointments of one doctor start at the same instant.';
