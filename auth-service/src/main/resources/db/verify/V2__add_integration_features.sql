-- Verify checks for auth-service V2__add_integration_features.sql (Seed 000).
-- The seed's validation queries, turned into zero-row assertions.

-- check: audit_log has the eight audit columns with the seed's types, all nullable
SELECT 'audit_log.' || e.col || ' missing or wrong: expected ' || e.typ || coalesce('(' || e.len || ')', '') || ' NULL' AS problem
FROM (VALUES ('username',      'character varying', 50),
             ('session_id',    'character varying', 255),
             ('method',        'character varying', 10),
             ('endpoint',      'character varying', 255),
             ('request_body',  'text',              NULL::int),
             ('response_hash', 'character varying', 64),
             ('source_refs',   'jsonb',             NULL),
             ('note',          'text',              NULL)) AS e(col, typ, len)
WHERE NOT EXISTS (SELECT 1 FROM information_schema.columns c
                  WHERE c.table_schema = 'auth' AND c.table_name = 'audit_log'
                    AND c.column_name = e.col AND c.data_type = e.typ
                    AND c.character_maximum_length IS NOT DISTINCT FROM e.len
                    AND c.is_nullable = 'YES');

-- check: audit_log.registro_id is nullable
SELECT 'audit_log.registro_id is still NOT NULL (or missing)' AS problem
WHERE NOT EXISTS (SELECT 1 FROM information_schema.columns
                  WHERE table_schema = 'auth' AND table_name = 'audit_log'
                    AND column_name = 'registro_id' AND is_nullable = 'YES');

-- check: primary key of audit_log is exactly audit_log_pkey (id_log)
SELECT 'audit_log primary key is not exactly audit_log_pkey (id_log): '
       || coalesce((SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
                    WHERE conrelid = to_regclass('auth.audit_log') AND contype = 'p'), '<none>') AS problem
WHERE NOT EXISTS (
    SELECT 1 FROM pg_constraint k
    WHERE k.conrelid = to_regclass('auth.audit_log') AND k.contype = 'p' AND k.conname = 'audit_log_pkey'
      AND k.conkey = ARRAY[(SELECT attnum FROM pg_attribute WHERE attrelid = to_regclass('auth.audit_log') AND attname = 'id_log')]);

-- check: voice_transcripts exists as a base table
SELECT 'missing base table auth.voice_transcripts' AS problem
WHERE NOT EXISTS (SELECT 1 FROM information_schema.tables
                  WHERE table_schema = 'auth' AND table_name = 'voice_transcripts' AND table_type = 'BASE TABLE');

-- check: voice_transcripts columns have the seed's types, nullability and defaults
SELECT 'voice_transcripts.' || e.col || ' missing or wrong: expected ' || e.typ || coalesce('(' || e.len || ')', '')
       || ' nullable=' || e.nul || ' default=' || coalesce(e.def, '<none>') AS problem
FROM (VALUES ('id_transcript',    'bigint',                   NULL::int, 'NO',  'nextval(''auth.voice_transcripts_id_transcript_seq''::regclass)'),
             ('session_id',       'character varying',        255,       'NO',  NULL),
             ('user_id',          'bigint',                   NULL,      'NO',  NULL),
             ('user_text',        'text',                     NULL,      'NO',  NULL),
             ('assistant_text',   'text',                     NULL,      'YES', NULL),
             ('timestamp',        'timestamp with time zone', NULL,      'NO',  NULL),
             ('langgraph_job_id', 'character varying',        255,       'YES', NULL),
             ('created_at',       'timestamp with time zone', NULL,      'YES', 'now()')) AS e(col, typ, len, nul, def)
WHERE NOT EXISTS (SELECT 1 FROM information_schema.columns c
                  WHERE c.table_schema = 'auth' AND c.table_name = 'voice_transcripts'
                    AND c.column_name = e.col AND c.data_type = e.typ
                    AND c.character_maximum_length IS NOT DISTINCT FROM e.len
                    AND c.is_nullable = e.nul
                    AND c.column_default IS NOT DISTINCT FROM e.def);

-- check: primary key of voice_transcripts is (id_transcript)
SELECT 'voice_transcripts primary key is not (id_transcript)' AS problem
WHERE NOT EXISTS (
    SELECT 1 FROM pg_constraint k
    WHERE k.conrelid = to_regclass('auth.voice_transcripts') AND k.contype = 'p'
      AND k.conkey = ARRAY[(SELECT attnum FROM pg_attribute WHERE attrelid = to_regclass('auth.voice_transcripts') AND attname = 'id_transcript')]);

-- check: voice_transcripts.user_id references sys_usuarios(id_usuario) ON DELETE CASCADE
SELECT 'voice_transcripts.user_id has no FK to auth.sys_usuarios(id_usuario) ON DELETE CASCADE' AS problem
WHERE NOT EXISTS (
    SELECT 1 FROM pg_constraint k
    WHERE k.conrelid = to_regclass('auth.voice_transcripts') AND k.contype = 'f'
      AND k.confrelid = to_regclass('auth.sys_usuarios')
      AND k.conkey = ARRAY[(SELECT attnum FROM pg_attribute WHERE attrelid = to_regclass('auth.voice_transcripts') AND attname = 'user_id')]
      AND k.confkey = ARRAY[(SELECT attnum FROM pg_attribute WHERE attrelid = to_regclass('auth.sys_usuarios') AND attname = 'id_usuario')]
      AND k.confdeltype = 'c');

-- check: the seed's six indexes exist on the right tables and columns
SELECT 'index auth.' || e.idx || ' missing or not on ' || e.tbl || '(' || e.cols || ')' AS problem
FROM (VALUES ('idx_audit_log_session',           'audit_log',         'session_id'),
             ('idx_audit_log_endpoint',          'audit_log',         'endpoint'),
             ('idx_audit_log_username',          'audit_log',         'username'),
             ('idx_voice_transcripts_session',   'voice_transcripts', 'session_id'),
             ('idx_voice_transcripts_user',      'voice_transcripts', 'user_id'),
             ('idx_voice_transcripts_timestamp', 'voice_transcripts', 'timestamp')) AS e(idx, tbl, cols)
WHERE NOT EXISTS (
    SELECT 1 FROM pg_index i
    JOIN pg_class ic ON ic.oid = i.indexrelid
    JOIN pg_class tc ON tc.oid = i.indrelid
    JOIN pg_namespace n ON n.oid = ic.relnamespace
    WHERE n.nspname = 'auth' AND ic.relname = e.idx AND tc.relname = e.tbl
      AND (SELECT string_agg(a.attname, ',' ORDER BY x.ord)
           FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS x(attnum, ord)
           JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = x.attnum) = e.cols);

-- check: voice_transcripts table comment is the seed's (mentions PII/PHI and retention)
SELECT 'voice_transcripts comment missing or different: ' || coalesce(d.c, '<none>') AS problem
FROM (SELECT obj_description(to_regclass('auth.voice_transcripts'), 'pg_class') AS c) AS d
WHERE d.c IS DISTINCT FROM 'Stores voice conversation transcripts for audit and history. Contains PII/PHI - implement retention policy.'
   OR d.c NOT LIKE '%PII/PHI%' OR d.c NOT LIKE '%retention%';
