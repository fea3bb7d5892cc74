-- Verify checks for V4__clinic_initial_schema (seed 004, schema clinic).
-- Each check returns zero rows when all is well.

-- check: the nine clinic tables exist
SELECT 'missing table clinic.' || t AS problem
FROM unnest(ARRAY['user_refs', 'patients', 'conversations', 'messages', 'availability',
                  'blocked_times', 'appointments', 'webhook_idempotency', 'audit_logs']) AS t
WHERE NOT EXISTS (SELECT 1 FROM information_schema.tables
                  WHERE table_schema = 'clinic' AND table_name = t AND table_type = 'BASE TABLE');

-- check: columns have the expected types and nullability
SELECT 'column clinic.' || e.tbl || '.' || e.col || ' expected ' || e.typ || ' nullable=' || e.nullable
       || ', found ' || coalesce(format_type(a.atttypid, a.atttypmod), 'nothing')
       || ' nullable=' || coalesce((NOT a.attnotnull)::text, '?') AS problem
FROM (VALUES
        ('user_refs', 'id', 'uuid', false),
        ('user_refs', 'auth_user_id', 'bigint', false),
        ('user_refs', 'display_name', 'text', true),
        ('user_refs', 'created_at', 'timestamp with time zone', false),
        ('user_refs', 'updated_at', 'timestamp with time zone', false),
        ('patients', 'id', 'uuid', false),
        ('patients', 'name', 'text', false),
        ('patients', 'phone', 'text', false),
        ('patients', 'date_of_birth', 'date', true),
        ('patients', 'gender', 'text', true),
        ('patients', 'created_at', 'timestamp with time zone', false),
        ('patients', 'updated_at', 'timestamp with time zone', false),
        ('conversations', 'id', 'uuid', false),
        ('conversations', 'doctor_id', 'uuid', false),
        ('conversations', 'patient_id', 'uuid', false),
        ('conversations', 'platform', 'text', false),
        ('conversations', 'platform_conversation_id', 'text', false),
        ('conversations', 'status', 'text', false),
        ('conversations', 'created_at', 'timestamp with time zone', false),
        ('conversations', 'updated_at', 'timestamp with time zone', false),
        ('messages', 'id', 'uuid', false),
        ('messages', 'conversation_id', 'uuid', false),
        ('messages', 'platform_message_id', 'text', false),
        ('messages', 'sender_type', 'text', false),
        ('messages', 'content', 'text', false),
        ('messages', 'intent', 'text', true),
        ('messages', 'created_at', 'timestamp with time zone', false),
        ('availability', 'id', 'uuid', false),
        ('availability', 'doctor_id', 'uuid', false),
        ('availability', 'day_of_week', 'integer', false),
        ('availability', 'start_time', 'time without time zone', false),
        ('availability', 'end_time', 'time without time zone', false),
        ('availability', 'is_available', 'boolean', false),
        ('availability', 'created_at', 'timestamp with time zone', false),
        ('availability', 'updated_at', 'timestamp with time zone', false),
        ('blocked_times', 'id', 'uuid', false),
        ('blocked_times', 'doctor_id', 'uuid', false),
        ('blocked_times', 'start_time', 'timestamp with time zone', false),
        ('blocked_times', 'end_time', 'timestamp with time zone', false),
        ('blocked_times', 'reason', 'text', true),
        ('blocked_times', 'created_at', 'timestamp with time zone', false),
        ('appointments', 'id', 'uuid', false),
        ('appointments', 'doctor_id', 'uuid', false),
        ('appointments', 'patient_id', 'uuid', false),
        ('appointments', 'patient_name', 'text', false),
        ('appointments', 'patient_phone', 'text', false),
        ('appointments', 'appointment_date', 'timestamp with time zone', false),
        ('appointments', 'status', 'text', false),
        ('appointments', 'notes', 'text', true),
        ('appointments', 'created_at', 'timestamp with time zone', false),
        ('appointments', 'updated_at', 'timestamp with time zone', false),
        ('webhook_idempotency', 'id', 'uuid', false),
        ('webhook_idempotency', 'event_id', 'text', false),
        ('webhook_idempotency', 'provider', 'text', false),
        ('webhook_idempotency', 'received_at', 'timestamp with time zone', false),
        ('webhook_idempotency', 'status', 'text', false),
        ('webhook_idempotency', 'processed_at', 'timestamp with time zone', true),
        ('webhook_idempotency', 'correlation_id', 'text', false),
        ('webhook_idempotency', 'error_message', 'text', true),
        ('webhook_idempotency', 'retry_count', 'integer', false),
        ('audit_logs', 'id', 'uuid', false),
        ('audit_logs', 'correlation_id', 'text', false),
        ('audit_logs', 'user_id', 'uuid', true),
        ('audit_logs', 'action', 'text', false),
        ('audit_logs', 'resource_type', 'text', false),
        ('audit_logs', 'resource_id', 'uuid', true),
        ('audit_logs', 'status', 'text', false),
        ('audit_logs', 'error_message', 'text', true),
        ('audit_logs', 'metadata', 'jsonb', true),
        ('audit_logs', 'created_at', 'timestamp with time zone', false)
     ) AS e(tbl, col, typ, nullable)
LEFT JOIN pg_attribute a
       ON a.attrelid = to_regclass('clinic.' || e.tbl) AND a.attname = e.col AND NOT a.attisdropped
WHERE a.attname IS NULL
   OR format_type(a.atttypid, a.atttypmod) <> e.typ
   OR (NOT a.attnotnull) <> e.nullable;

-- check: every clinic primary key is a single uuid column with DEFAULT gen_random_uuid()
SELECT 'clinic.' || c.relname || ': primary key is not a single uuid column defaulting to gen_random_uuid()' AS problem
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'clinic'
WHERE c.relkind IN ('r', 'p')
  AND NOT EXISTS (
      SELECT 1
      FROM pg_constraint k
      JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
      JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE k.conrelid = c.oid AND k.contype = 'p' AND cardinality(k.conkey) = 1
        AND a.atttypid = 'uuid'::regtype
        AND pg_get_expr(d.adbin, d.adrelid) IN ('gen_random_uuid()', 'pg_catalog.gen_random_uuid()'));

-- check: every timestamp column in clinic is timestamptz
SELECT 'clinic.' || c.relname || '.' || a.attname || ' is ' || format_type(a.atttypid, a.atttypmod) || ', expected timestamptz' AS problem
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'clinic'
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relkind IN ('r', 'p')
  AND a.atttypid IN ('timestamp'::regtype, 'timestamp[]'::regtype);

-- check: record timestamps (created_at, updated_at, received_at) default to now()
SELECT 'clinic.' || c.relname || '.' || a.attname || ' default is ' || coalesce(pg_get_expr(d.adbin, d.adrelid), 'none') || ', expected now()' AS problem
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'clinic'
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE c.relkind IN ('r', 'p')
  AND a.attname IN ('created_at', 'updated_at', 'received_at')
  AND coalesce(pg_get_expr(d.adbin, d.adrelid), '') <> 'now()';

-- check: no VARCHAR/CHAR columns in clinic (TEXT for strings)
SELECT 'clinic.' || c.relname || '.' || a.attname || ' is ' || format_type(a.atttypid, a.atttypmod) || ' (use TEXT)' AS problem
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'clinic'
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_type t ON t.oid = a.atttypid
WHERE c.relkind IN ('r', 'p')
  AND (t.typname IN ('varchar', 'bpchar', 'char', '_varchar', '_bpchar', '_char'));

-- check: row level security is enabled on every clinic table
SELECT 'RLS not enabled on clinic.' || c.relname AS problem
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'clinic'
WHERE c.relkind IN ('r', 'p') AND NOT c.relrowsecurity;

-- check: every clinic table and column has a comment starting with 'Classification: ' (PHI, administrative or public social)
SELECT 'clinic.' || c.relname || coalesce('.' || a.attname, '') || ' comment lacks a valid classification: '
       || coalesce(CASE WHEN a.attname IS NULL THEN obj_description(c.oid, 'pg_class')
                        ELSE col_description(c.oid, a.attnum) END, '<none>') AS problem
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'clinic'
LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relkind IN ('r', 'p')
  AND coalesce(CASE WHEN a.attname IS NULL THEN obj_description(c.oid, 'pg_class')
                    ELSE col_description(c.oid, a.attnum) END, '')
      !~ '^Classification: (PHI|administrative|public social)\.'
UNION ALL
SELECT 'clinic.' || c.relname || ' table comment lacks a valid classification: '
       || coalesce(obj_description(c.oid, 'pg_class'), '<none>')
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'clinic'
WHERE c.relkind IN ('r', 'p')
  AND coalesce(obj_description(c.oid, 'pg_class'), '') !~ '^Classification: (PHI|administrative|public social)\.';

-- check: every PHI-classified table/column comment says ENCRYPTED PHI (at rest + in transit)
SELECT 'clinic.' || c.relname || coalesce('.' || a.attname, '') || ' is classified PHI but not marked ENCRYPTED PHI (at rest + in transit)' AS problem
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'clinic'
LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
CROSS JOIN LATERAL (SELECT CASE WHEN a.attname IS NULL THEN obj_description(c.oid, 'pg_class')
                                ELSE col_description(c.oid, a.attnum) END AS txt) AS d
WHERE c.relkind IN ('r', 'p')
  AND d.txt LIKE 'Classification: PHI%'
  AND d.txt NOT LIKE '%ENCRYPTED PHI (at rest + in transit)%'
UNION ALL
SELECT 'clinic.' || c.relname || ' table is classified PHI but not marked ENCRYPTED PHI (at rest + in transit)'
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'clinic'
WHERE c.relkind IN ('r', 'p')
  AND obj_description(c.oid, 'pg_class') LIKE 'Classification: PHI%'
  AND obj_description(c.oid, 'pg_class') NOT LIKE '%ENCRYPTED PHI (at rest + in transit)%';

-- check: patient data and message content are classified PHI
SELECT 'clinic.' || e.tbl || '.' || e.col || ' must be classified PHI (ENCRYPTED PHI)' AS problem
FROM (VALUES
        ('patients', 'name'), ('patients', 'phone'), ('patients', 'date_of_birth'), ('patients', 'gender'),
        ('messages', 'content'),
        ('appointments', 'patient_name'), ('appointments', 'patient_phone'), ('appointments', 'notes')
     ) AS e(tbl, col)
LEFT JOIN pg_attribute a ON a.attrelid = to_regclass('clinic.' || e.tbl) AND a.attname = e.col
WHERE coalesce(col_description(a.attrelid, a.attnum), '') NOT LIKE 'Classification: PHI. ENCRYPTED PHI%';

-- check: foreign keys exist with their declared ON DELETE actions (r = RESTRICT, c = CASCADE, n = SET NULL)
SELECT 'missing or wrong FK clinic.' || e.tbl || '(' || e.col || ') -> clinic.' || e.ref || '(id) ON DELETE ' || CASE e.act WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' END AS problem
FROM (VALUES
        ('conversations', 'doctor_id', 'user_refs', 'r'),
        ('conversations', 'patient_id', 'patients', 'r'),
        ('messages', 'conversation_id', 'conversations', 'c'),
        ('availability', 'doctor_id', 'user_refs', 'r'),
        ('blocked_times', 'doctor_id', 'user_refs', 'r'),
        ('appointments', 'doctor_id', 'user_refs', 'r'),
        ('appointments', 'patient_id', 'patients', 'r'),
        ('audit_logs', 'user_id', 'user_refs', 'n')
     ) AS e(tbl, col, ref, act)
WHERE NOT EXISTS (
    SELECT 1 FROM pg_constraint c
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    JOIN pg_attribute r ON r.attrelid = c.confrelid AND r.attnum = c.confkey[1]
    WHERE c.conrelid = to_regclass('clinic.' || e.tbl) AND c.contype = 'f'
      AND cardinality(c.conkey) = 1 AND a.attname = e.col
      AND c.confrelid = to_regclass('clinic.' || e.ref) AND r.attname = 'id'
      AND c.confdeltype = e.act::"char");

-- check: enum-like CHECK constraints exist with the exact value lists
SELECT 'missing or wrong CHECK on clinic.' || e.tbl || '.' || e.col || ', expected values ' || e.vals::text AS problem
FROM (VALUES
        ('appointments', 'status', '{pending,confirmed,cancelled,completed}'),
        ('webhook_idempotency', 'provider', '{facebook,instagram,whatsapp}'),
        ('webhook_idempotency', 'status', '{pending,processed,failed}'),
        ('audit_logs', 'status', '{success,failure}'),
        ('conversations', 'platform', '{facebook,instagram,whatsapp}'),
        ('conversations', 'status', '{active,archived,closed}'),
        ('messages', 'sender_type', '{patient,doctor,system}')
     ) AS e(tbl, col, vals)
WHERE NOT EXISTS (
    SELECT 1 FROM pg_constraint c
    WHERE c.conrelid = to_regclass('clinic.' || e.tbl) AND c.contype = 'c'
      AND pg_get_constraintdef(c.oid) ~ ('\m' || e.col || '\M')
      AND ARRAY(SELECT m[1] FROM regexp_matches(pg_get_constraintdef(c.oid), '''([^'']*)''', 'g') AS m)
          = e.vals::text[]);

-- check: range CHECKs: availability.day_of_week 0..6, end_time > start_time on availability and blocked_times
SELECT 'missing CHECK on clinic.' || e.tbl || ': ' || e.descr AS problem
FROM (VALUES
        ('availability', 'day_of_week between 0 and 6', 'CHECK (((day_of_week >= 0) AND (day_of_week <= 6)))'),
        ('availability', 'end_time > start_time', 'CHECK ((end_time > start_time))'),
        ('blocked_times', 'end_time > start_time', 'CHECK ((end_time > start_time))')
     ) AS e(tbl, descr, def)
WHERE NOT EXISTS (SELECT 1 FROM pg_constraint c
                  WHERE c.conrelid = to_regclass('clinic.' || e.tbl) AND c.contype = 'c'
                    AND pg_get_constraintdef(c.oid) = e.def);

-- check: UNIQUE constraints (provider event processed once, auth user referenced once, platform ids)
SELECT 'missing UNIQUE constraint on clinic.' || e.tbl || ' ' || e.cols::text AS problem
FROM (VALUES
        ('webhook_idempotency', '{provider,event_id}'),
        ('user_refs', '{auth_user_id}'),
        ('conversations', '{doctor_id,platform,platform_conversation_id}'),
        ('messages', '{conversation_id,platform_message_id}'),
        ('availability', '{doctor_id,day_of_week,start_time,end_time}')
     ) AS e(tbl, cols)
WHERE NOT EXISTS (
    SELECT 1 FROM pg_constraint c
    WHERE c.conrelid = to_regclass('clinic.' || e.tbl) AND c.contype = 'u'
      AND (SELECT array_agg(a.attname::text ORDER BY k.ord)
             FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) = e.cols::text[]);

-- check: the indexes of the seed's section 4 exist with their columns
SELECT 'missing or wrong index clinic.' || e.idx || ' (expected ' || e.def || ')' AS problem
FROM (VALUES
        ('idx_appointments_doctor_id', 'ON clinic.appointments USING btree (doctor_id)'),
        ('idx_appointments_appointment_date', 'ON clinic.appointments USING btree (appointment_date)'),
        ('idx_appointments_doctor_id_status_appointment_date', 'ON clinic.appointments USING btree (doctor_id, status, appointment_date)'),
        ('idx_webhook_idempotency_provider', 'ON clinic.webhook_idempotency USING btree (provider)'),
        ('idx_webhook_idempotency_status', 'ON clinic.webhook_idempotency USING btree (status)'),
        ('idx_webhook_idempotency_received_at', 'ON clinic.webhook_idempotency USING btree (received_at)'),
        ('idx_audit_logs_user_id', 'ON clinic.audit_logs USING btree (user_id)'),
        ('idx_audit_logs_action', 'ON clinic.audit_logs USING btree (action)'),
        ('idx_audit_logs_resource_type_resource_id', 'ON clinic.audit_logs USING btree (resource_type, resource_id)'),
        ('idx_audit_logs_created_at', 'ON clinic.audit_logs USING btree (created_at)'),
        ('idx_audit_logs_correlation_id', 'ON clinic.audit_logs USING btree (correlation_id)'),
        ('idx_patients_phone', 'ON clinic.patients USING btree (phone)'),
        ('idx_conversations_doctor_id', 'ON clinic.conversations USING btree (doctor_id)'),
        ('idx_conversations_patient_id', 'ON clinic.conversations USING btree (patient_id)'),
        ('idx_conversations_platform', 'ON clinic.conversations USING btree (platform)'),
        ('idx_messages_conversation_id', 'ON clinic.messages USING btree (conversation_id)'),
        ('idx_messages_created_at', 'ON clinic.messages USING btree (created_at)'),
        ('idx_availability_doctor_id', 'ON clinic.availability USING btree (doctor_id)'),
        ('idx_availability_day_of_week', 'ON clinic.availability USING btree (day_of_week)'),
        ('idx_blocked_times_doctor_id', 'ON clinic.blocked_times USING btree (doctor_id)'),
        ('idx_blocked_times_start_time', 'ON clinic.blocked_times USING btree (start_time)'),
        ('idx_blocked_times_end_time', 'ON clinic.blocked_times USING btree (end_time)')
     ) AS e(idx, def)
WHERE NOT EXISTS (SELECT 1 FROM pg_indexes i
                  WHERE i.schemaname = 'clinic' AND i.indexname = e.idx AND i.indexdef LIKE '%' || e.def);

-- check: every clinic table having updated_at has a BEFORE UPDATE trigger calling clinic.update_updated_at_column()
SELECT 'clinic.' || c.relname || ' has updated_at but no BEFORE UPDATE trigger calling clinic.update_updated_at_column()' AS problem
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'clinic'
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'updated_at' AND NOT a.attisdropped
WHERE c.relkind IN ('r', 'p')
  AND NOT EXISTS (SELECT 1 FROM pg_trigger t
                  WHERE t.tgrelid = c.oid AND NOT t.tgisinternal
                    AND t.tgfoid = to_regprocedure('clinic.update_updated_at_column()')
                    AND (t.tgtype & 2) <> 0     -- BEFORE
                    AND (t.tgtype & 1) <> 0     -- FOR EACH ROW
                    AND (t.tgtype & 16) <> 0);  -- UPDATE
