-- =====================================================================================
-- sessions-service  U4__clinic_initial_schema.sql
-- Undo of V4 (seed 004): drops the updated_at triggers and function, the nine clinic tables
-- (RLS flags, indexes and comments go with them) and schema clinic.
-- Refuses (RAISE) when any clinic table holds rows, so no data (PHI included) is lost silently.
-- =====================================================================================

DO $$
DECLARE
  t text;
  n bigint;
BEGIN
  FOREACH t IN ARRAY ARRAY['user_refs', 'patients', 'conversations', 'messages', 'availability',
                           'blocked_times', 'appointments', 'webhook_idempotency', 'audit_logs'] LOOP
    EXECUTE format('SELECT count(*) FROM clinic.%I', t) INTO n;
    IF n > 0 THEN
      RAISE EXCEPTION 'Cannot undo V4: clinic.% holds % rows that would be lost', t, n
        USING HINT = 'Restore from the backup taken before V4 instead, or export/delete those rows first.';
    END IF;
  END LOOP;
END $$;

DROP TRIGGER update_appointments_updated_at ON clinic.appointments;
DROP TRIGGER update_availability_updated_at ON clinic.availability;
DROP TRIGGER update_conversations_updated_at ON clinic.conversations;
DROP TRIGGER update_patients_updated_at ON clinic.patients;
DROP TRIGGER update_user_refs_updated_at ON clinic.user_refs;
DROP FUNCTION clinic.update_updated_at_column();

DROP TABLE clinic.audit_logs;
DROP TABLE clinic.webhook_idempotency;
DROP TABLE clinic.appointments;
DROP TABLE clinic.blocked_times;
DROP TABLE clinic.availability;
DROP TABLE clinic.messages;
DROP TABLE clinic.conversations;
DROP TABLE clinic.patients;
DROP TABLE clinic.user_refs;

DROP SCHEMA clinic;
