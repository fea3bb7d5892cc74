-- Verify checks for V1__baseline_therapy_schema (seed 001 baseline, schema therapy).
-- Each check returns zero rows when all is well.

-- check: schema therapy exists
SELECT 'missing schema therapy' AS problem
WHERE NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'therapy');

-- check: therapy.users and therapy.conversation_logs exist
SELECT 'missing table therapy.' || t AS problem
FROM unnest(ARRAY['users', 'conversation_logs']) AS t
WHERE NOT EXISTS (SELECT 1 FROM information_schema.tables
                  WHERE table_schema = 'therapy' AND table_name = t AND table_type = 'BASE TABLE');

-- check: users and conversation_logs columns have the expected types and nullability
SELECT 'column therapy.' || e.tbl || '.' || e.col || ' expected ' || e.typ || ' nullable=' || e.nullable
       || ', found ' || coalesce(format_type(a.atttypid, a.atttypmod), 'nothing')
       || ' nullable=' || coalesce((NOT a.attnotnull)::text, '?') AS problem
FROM (VALUES
        ('users', 'id', 'integer', false),
        ('users', 'username', 'character varying(50)', false),
        ('users', 'password_hash', 'character varying(255)', false),
        ('users', 'role', 'character varying(20)', false),
        ('users', 'created_at', 'timestamp without time zone', true),
        ('conversation_logs', 'id', 'integer', false),
        ('conversation_logs', 'session_id', 'character varying(255)', false),
        ('conversation_logs', 'user_id', 'integer', true),
        ('conversation_logs', 'role', 'character varying(20)', false),
        ('conversation_logs', 'message_type', 'character varying(50)', true),
        ('conversation_logs', 'content', 'text', false),
        ('conversation_logs', 'metadata', 'jsonb', true),
        ('conversation_logs', 'timestamp', 'timestamp without time zone', true)
     ) AS e(tbl, col, typ, nullable)
LEFT JOIN pg_attribute a
       ON a.attrelid = to_regclass('therapy.' || e.tbl) AND a.attname = e.col AND NOT a.attisdropped
WHERE a.attname IS NULL
   OR format_type(a.atttypid, a.atttypmod) <> e.typ
   OR (NOT a.attnotnull) <> e.nullable;

-- check: defaults (serial ids, role 'therapist', created_at/timestamp now())
SELECT 'column therapy.' || e.tbl || '.' || e.col || ' default should match ' || e.pat
       || ', found ' || coalesce(pg_get_expr(d.adbin, d.adrelid), 'none') AS problem
FROM (VALUES
        ('users', 'id', 'nextval(%'),
        ('users', 'role', '''therapist''%'),
        ('users', 'created_at', 'now()'),
        ('conversation_logs', 'id', 'nextval(%'),
        ('conversation_logs', 'timestamp', 'now()')
     ) AS e(tbl, col, pat)
LEFT JOIN pg_attribute a
       ON a.attrelid = to_regclass('therapy.' || e.tbl) AND a.attname = e.col
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE d.adbin IS NULL OR pg_get_expr(d.adbin, d.adrelid) NOT LIKE e.pat;

-- check: primary keys, unique username, role CHECK and the FK to users
SELECT 'missing constraint: ' || e.descr AS problem
FROM (VALUES
        ('users primary key (id)', 'users', 'p', '{id}', NULL),
        ('users unique (username)', 'users', 'u', '{username}', NULL),
        ('conversation_logs primary key (id)', 'conversation_logs', 'p', '{id}', NULL),
        ('conversation_logs.user_id references therapy.users', 'conversation_logs', 'f', '{user_id}', 'therapy.users')
     ) AS e(descr, tbl, contype, cols, reftbl)
WHERE NOT EXISTS (
    SELECT 1 FROM pg_constraint c
    WHERE c.conrelid = to_regclass('therapy.' || e.tbl)
      AND c.contype = e.contype::"char"
      AND (SELECT array_agg(a.attname::text ORDER BY k.ord)
             FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) = e.cols::text[]
      AND (e.reftbl IS NULL OR c.confrelid = to_regclass(e.reftbl)));

-- check: users.role CHECK allows exactly therapist, researcher, admin
SELECT 'users.role CHECK missing or with other values than therapist, researcher, admin' AS problem
WHERE NOT EXISTS (
    SELECT 1 FROM pg_constraint c
    WHERE c.conrelid = to_regclass('therapy.users') AND c.contype = 'c'
      AND pg_get_constraintdef(c.oid) LIKE '%role%'
      AND ARRAY(SELECT m[1] FROM regexp_matches(pg_get_constraintdef(c.oid), '''([^'']*)''', 'g') AS m)
          = ARRAY['therapist', 'researcher', 'admin']);

-- check: conversation_logs indexes on session_id and timestamp
SELECT 'missing index therapy.' || i AS problem
FROM unnest(ARRAY['idx_conversation_logs_session_id', 'idx_conversation_logs_timestamp']) AS i
WHERE to_regclass('therapy.' || i) IS NULL;

-- check: both tables are commented
SELECT 'missing comment on table therapy.' || t AS problem
FROM unnest(ARRAY['users', 'conversation_logs']) AS t
WHERE obj_description(to_regclass('therapy.' || t), 'pg_class') IS NULL;
