-- Verify checks for V5__clinic_patient_accounts_and_appointment_length (seed 004 follow-up, schema clinic).
-- Each check returns zero rows when all is well.

-- check: the new columns have the expected types, nullability and defaults
SELECT 'column clinic.' || e.tbl || '.' || e.col || ' expected ' || e.typ || ' nullable=' || e.nullable
       || ' default ' || coalesce(e.def, 'none') || ', found ' || coalesce(format_type(a.atttypid, a.atttypmod), 'nothing')
       || ' nullable=' || coalesce((NOT a.attnotnull)::text, '?')
       || ' default ' || coalesce(pg_get_expr(d.adbin, d.adrelid), 'none') AS problem
FROM (VALUES
        ('patients', 'user_ref_id', 'uuid', true, NULL),
        ('appointments', 'duration_minutes', 'integer', false, '30')
     ) AS e(tbl, col, typ, nullable, def)
LEFT JOIN pg_attribute a
       ON a.attrelid = to_regclass('clinic.' || e.tbl) AND a.attname = e.col AND NOT a.attisdropped
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE a.attname IS NULL
   OR format_type(a.atttypid, a.atttypmod) <> e.typ
   OR (NOT a.attnotnull) <> e.nullable
   OR coalesce(pg_get_expr(d.adbin, d.adrelid), 'none') <> coalesce(e.def, 'none');

-- check: patients.user_ref_id references clinic.user_refs(id) ON DELETE RESTRICT and is UNIQUE
SELECT 'missing FK clinic.patients(user_ref_id) -> clinic.user_refs(id) ON DELETE RESTRICT' AS problem
WHERE NOT EXISTS (
    SELECT 1 FROM pg_constraint c
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    WHERE c.conrelid = 'clinic.patients'::regclass AND c.contype = 'f' AND cardinality(c.conkey) = 1
      AND a.attname = 'user_ref_id' AND c.confrelid = 'clinic.user_refs'::regclass AND c.confdeltype = 'r')
UNION ALL
SELECT 'missing UNIQUE constraint on clinic.patients (user_ref_id)'
WHERE NOT EXISTS (
    SELECT 1 FROM pg_constraint c
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    WHERE c.conrelid = 'clinic.patients'::regclass AND c.contype = 'u' AND cardinality(c.conkey) = 1
      AND a.attname = 'user_ref_id');

-- check: appointments.duration_minutes is limited to 5..480 minutes
SELECT 'missing CHECK on clinic.appointments: duration_minutes between 5 and 480' AS problem
WHERE NOT EXISTS (
    SELECT 1 FROM pg_constraint c
    WHERE c.conrelid = 'clinic.appointments'::regclass AND c.contype = 'c'
      AND pg_get_constraintdef(c.oid) = 'CHECK (((duration_minutes >= 5) AND (duration_minutes <= 480)))');

-- check: the partial unique index refuses two live appointments of one doctor at the same instant
SELECT 'missing or wrong index clinic.idx_appointments_doctor_id_appointment_date_active' AS problem
WHERE NOT EXISTS (
    SELECT 1 FROM pg_indexes i
    WHERE i.schemaname = 'clinic' AND i.indexname = 'idx_appointments_doctor_id_appointment_date_active'
      AND i.indexdef LIKE 'CREATE UNIQUE INDEX % ON clinic.appointments USING btree (doctor_id, appointment_date) WHERE (status <> ''cancelled''::text)');

-- check: no live duplicates exist (what the index guarantees, proven on the data)
SELECT 'clinic.appointments: doctor ' || doctor_id || ' has ' || count(*) || ' live appointments at ' || appointment_date AS problem
FROM clinic.appointments
WHERE status <> 'cancelled'
GROUP BY doctor_id, appointment_date
HAVING count(*) > 1;

-- check: RLS is still enabled on every clinic table (V5 adds no policies; see the header)
SELECT 'RLS not enabled on clinic.' || c.relname AS problem
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'clinic'
WHERE c.relkind IN ('r', 'p') AND NOT c.relrowsecurity;
