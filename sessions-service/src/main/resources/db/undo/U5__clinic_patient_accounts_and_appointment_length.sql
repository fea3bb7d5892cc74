-- =====================================================================================
-- sessions-service  U5__clinic_patient_accounts_and_appointment_length.sql
-- Undo of V5 (seed 004 follow-up): drops the partial unique index, appointments.duration_minutes
-- and patients.user_ref_id with their constraints.
-- Refuses (RAISE) when that would lose information: a patient linked to an account, or an
-- appointment whose length is not the 30 minutes V4's schema implies.
-- =====================================================================================

DO $$
DECLARE
  linked bigint;
  sized bigint;
BEGIN
  SELECT count(*) INTO linked FROM clinic.patients WHERE user_ref_id IS NOT NULL;
  IF linked > 0 THEN
    RAISE EXCEPTION 'Cannot undo V5: % clinic.patients rows are linked to accounts (user_ref_id) and the links would be lost', linked
      USING HINT = 'Restore from the backup taken before V5 instead, or clear clinic.patients.user_ref_id first.';
  END IF;
  SELECT count(*) INTO sized FROM clinic.appointments WHERE duration_minutes <> 30;
  IF sized > 0 THEN
    RAISE EXCEPTION 'Cannot undo V5: % clinic.appointments rows have a length other than 30 minutes that would be lost', sized
      USING HINT = 'Restore from the backup taken before V5 instead.';
  END IF;
END $$;

DROP INDEX clinic.idx_appointments_doctor_id_appointment_date_active;

ALTER TABLE clinic.appointments DROP COLUMN duration_minutes;

ALTER TABLE clinic.patients DROP COLUMN user_ref_id;
