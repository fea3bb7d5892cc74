-- Verify checks for V2__normalize_therapy_schema (seed 001, schema therapy).
-- Each check returns zero rows when all is well.

-- check: the four new tables exist
SELECT 'missing table therapy.' || t AS problem
FROM unnest(ARRAY['therapy_sessions', 'session_configurations', 'messages', 'user_sessions']) AS t
WHERE NOT EXISTS (SELECT 1 FROM information_schema.tables
                  WHERE table_schema = 'therapy' AND table_name = t AND table_type = 'BASE TABLE');

-- check: preserved tables users and conversation_logs still exist
SELECT 'missing preserved table therapy.' || t AS problem
FROM unnest(ARRAY['users', 'conversation_logs']) AS t
WHERE to_regclass('therapy.' || t) IS NULL;

-- check: columns of the new tables have the seed's types and the expected nullability
SELECT 'column therapy.' || e.tbl || '.' || e.col || ' expected ' || e.typ || ' nullable=' || e.nullable
       || ', found ' || coalesce(format_type(a.atttypid, a.atttypmod), 'nothing')
       || ' nullable=' || coalesce((NOT a.attnotnull)::text, '?') AS problem
FROM (VALUES
        ('therapy_sessions', 'session_id', 'uuid', false),
        ('therapy_sessions', 'user_id', 'integer', true),
        ('therapy_sessions', 'session_name', 'character varying(255)', true),
        ('therapy_sessions', 'status', 'character varying(20)', true),
        ('therapy_sessions', 'created_at', 'timestamp without time zone', true),
        ('therapy_sessions', 'updated_at', 'timestamp without time zone', true),
        ('therapy_sessions', 'ended_at', 'timestamp without time zone', true),
        ('session_configurations', 'config_id', 'integer', false),
        ('session_configurations', 'session_id', 'uuid', false),
        ('session_configurations', 'voice', 'character varying(50)', true),
        ('session_configurations', 'modalities', 'text[]', true),
        ('session_configurations', 'instructions', 'text', true),
        ('session_configurations', 'turn_detection', 'jsonb', true),
        ('session_configurations', 'tools', 'jsonb', true),
        ('session_configurations', 'temperature', 'numeric(3,2)', true),
        ('session_configurations', 'max_response_output_tokens', 'integer', true),
        ('messages', 'message_id', 'bigint', false),
        ('messages', 'session_id', 'uuid', false),
        ('messages', 'role', 'character varying(20)', false),
        ('messages', 'message_type', 'character varying(50)', false),
        ('messages', 'content', 'text', true),
        ('messages', 'content_redacted', 'text', true),
        ('messages', 'metadata', 'jsonb', true),
        ('messages', 'created_at', 'timestamp without time zone', true),
        ('user_sessions', 'sid', 'character varying', false),
        ('user_sessions', 'sess', 'jsonb', false),
        ('user_sessions', 'expire', 'timestamp(6) without time zone', false)
     ) AS e(tbl, col, typ, nullable)
LEFT JOIN pg_attribute a
       ON a.attrelid = to_regclass('therapy.' || e.tbl) AND a.attname = e.col AND NOT a.attisdropped
WHERE a.attname IS NULL
   OR format_type(a.atttypid, a.atttypmod) <> e.typ
   OR (NOT a.attnotnull) <> e.nullable;

-- check: column defaults (gen_random_uuid, serials, 'active', 'alloy', modalities, 0.8, 4096, timestamps)
SELECT 'column therapy.' || e.tbl || '.' || e.col || ' default should be like ' || e.pat
       || ', found ' || coalesce(pg_get_expr(d.adbin, d.adrelid), 'none') AS problem
FROM (VALUES
        ('therapy_sessions', 'session_id', '%gen_random_uuid()'),
        ('therapy_sessions', 'status', '''active''%'),
        ('therapy_sessions', 'created_at', 'CURRENT_TIMESTAMP'),
        ('therapy_sessions', 'updated_at', 'CURRENT_TIMESTAMP'),
        ('session_configurations', 'config_id', 'nextval(%'),
        ('session_configurations', 'voice', '''alloy''%'),
        ('session_configurations', 'modalities', 'ARRAY[''text''::text, ''audio''::text]'),
        ('session_configurations', 'temperature', '0.8'),
        ('session_configurations', 'max_response_output_tokens', '4096'),
        ('messages', 'message_id', 'nextval(%'),
        ('messages', 'created_at', 'CURRENT_TIMESTAMP')
     ) AS e(tbl, col, pat)
LEFT JOIN pg_attribute a
       ON a.attrelid = to_regclass('therapy.' || e.tbl) AND a.attname = e.col
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE d.adbin IS NULL OR pg_get_expr(d.adbin, d.adrelid) NOT LIKE e.pat;

-- check: primary keys, UNIQUE session_id and foreign keys with their ON DELETE actions
SELECT 'missing or wrong constraint: ' || e.descr AS problem
FROM (VALUES
        ('therapy_sessions PK (session_id)', 'therapy_sessions', 'p', '{session_id}', NULL, NULL, NULL),
        ('session_configurations PK (config_id)', 'session_configurations', 'p', '{config_id}', NULL, NULL, NULL),
        ('session_configurations UNIQUE (session_id)', 'session_configurations', 'u', '{session_id}', NULL, NULL, NULL),
        ('messages PK (message_id)', 'messages', 'p', '{message_id}', NULL, NULL, NULL),
        ('user_sessions PK user_sessions_pkey (sid)', 'user_sessions', 'p', '{sid}', NULL, NULL, 'user_sessions_pkey'),
        ('therapy_sessions.user_id -> users ON DELETE SET NULL', 'therapy_sessions', 'f', '{user_id}', 'therapy.users', 'n', NULL),
        ('session_configurations.session_id -> therapy_sessions ON DELETE CASCADE', 'session_configurations', 'f', '{session_id}', 'therapy.therapy_sessions', 'c', NULL),
        ('messages.session_id -> therapy_sessions ON DELETE CASCADE', 'messages', 'f', '{session_id}', 'therapy.therapy_sessions', 'c', NULL)
     ) AS e(descr, tbl, contype, cols, reftbl, deltype, conname)
WHERE NOT EXISTS (
    SELECT 1 FROM pg_constraint c
    WHERE c.conrelid = to_regclass('therapy.' || e.tbl)
      AND c.contype = e.contype::"char"
      AND (SELECT array_agg(a.attname::text ORDER BY k.ord)
             FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) = e.cols::text[]
      AND (e.reftbl IS NULL OR c.confrelid = to_regclass(e.reftbl))
      AND (e.deltype IS NULL OR c.confdeltype = e.deltype::"char")
      AND (e.conname IS NULL OR c.conname = e.conname));

-- check: CHECK constraints on therapy_sessions.status and messages.role have the exact value lists
SELECT 'missing or wrong CHECK on therapy.' || e.tbl || '.' || e.col || ', expected values ' || e.vals::text AS problem
FROM (VALUES
        ('therapy_sessions', 'status', '{active,ended,archived}'),
        ('messages', 'role', '{user,assistant,system}')
     ) AS e(tbl, col, vals)
WHERE NOT EXISTS (
    SELECT 1 FROM pg_constraint c
    WHERE c.conrelid = to_regclass('therapy.' || e.tbl) AND c.contype = 'c'
      AND pg_get_constraintdef(c.oid) LIKE '%' || e.col || '%'
      AND ARRAY(SELECT m[1] FROM regexp_matches(pg_get_constraintdef(c.oid), '''([^'']*)''', 'g') AS m)
          = e.vals::text[]);

-- check: indexes on therapy_sessions (user_id), (status), (created_at DESC), messages (session_id, created_at), user_sessions (expire)
SELECT 'missing or wrong index therapy.' || e.idx || ' (expected ' || e.def || ')' AS problem
FROM (VALUES
        ('idx_sessions_user_id', '%ON therapy.therapy_sessions USING btree (user_id)'),
        ('idx_sessions_status', '%ON therapy.therapy_sessions USING btree (status)'),
        ('idx_sessions_created_at', '%ON therapy.therapy_sessions USING btree (created_at DESC)'),
        ('idx_messages_session_id_created_at', '%ON therapy.messages USING btree (session_id, created_at)'),
        ('IDX_user_sessions_expire', '%ON therapy.user_sessions USING btree (expire)')
     ) AS e(idx, def)
WHERE NOT EXISTS (SELECT 1 FROM pg_indexes i
                  WHERE i.schemaname = 'therapy' AND i.indexname = e.idx AND i.indexdef LIKE e.def);

-- check: pgcrypto extension is installed
SELECT 'pgcrypto extension not installed' AS problem
WHERE NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pgcrypto');

-- check: updated_at trigger on therapy_sessions calls therapy.set_updated_at()
SELECT 'missing trigger trg_therapy_sessions_set_updated_at calling therapy.set_updated_at()' AS problem
WHERE NOT EXISTS (SELECT 1 FROM pg_trigger t
                  WHERE t.tgrelid = to_regclass('therapy.therapy_sessions')
                    AND t.tgname = 'trg_therapy_sessions_set_updated_at' AND NOT t.tgisinternal
                    AND t.tgfoid = to_regprocedure('therapy.set_updated_at()'));

-- check: every table and column of the four new tables has a comment
SELECT 'missing comment on therapy.' || c.relname || coalesce('.' || a.attname, '') AS problem
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'therapy'
LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relkind = 'r'
  AND c.relname IN ('therapy_sessions', 'session_configurations', 'messages', 'user_sessions')
  AND (   (a.attname IS NULL AND obj_description(c.oid, 'pg_class') IS NULL)
       OR (a.attname IS NOT NULL AND col_description(c.oid, a.attnum) IS NULL))
UNION ALL
SELECT 'missing comment on table therapy.' || t
FROM unnest(ARRAY['therapy_sessions', 'session_configurations', 'messages', 'user_sessions']) AS t
WHERE obj_description(to_regclass('therapy.' || t), 'pg_class') IS NULL;

-- check: conversation_logs is marked read-only going forward
SELECT 'therapy.conversation_logs comment does not say it is read-only' AS problem
WHERE coalesce(obj_description(to_regclass('therapy.conversation_logs'), 'pg_class'), '') NOT ILIKE '%read-only%';
