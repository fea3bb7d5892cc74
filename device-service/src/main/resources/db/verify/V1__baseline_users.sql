-- Verify checks for device-service V1__baseline_users.sql (Seed 003 baseline: local reference
-- table of auth-service users). Each check returns zero rows when all is well.

-- check: table public."users" exists as a base table
SELECT 'missing base table public."users"' AS problem
WHERE NOT EXISTS (SELECT 1 FROM information_schema.tables
                  WHERE table_schema = 'public' AND table_name = 'users' AND table_type = 'BASE TABLE');

-- check: users columns have the expected type, nullability and default
SELECT 'users.' || e.col || ' missing or wrong: expected ' || e.typ || ' nullable=' || e.nul
       || ' default=' || coalesce(e.def, '<none>') AS problem
FROM (VALUES ('id',        'text',                        'NO',  NULL),
             ('email',     'text',                        'NO',  NULL),
             ('name',      'text',                        'YES', NULL),
             ('role',      'text',                        'NO',  '''CLINICIAN''::text'),
             ('createdAt', 'timestamp without time zone', 'NO',  'CURRENT_TIMESTAMP'),
             ('updatedAt', 'timestamp without time zone', 'NO',  NULL)) AS e(col, typ, nul, def)
WHERE NOT EXISTS (SELECT 1 FROM information_schema.columns c
                  WHERE c.table_schema = 'public' AND c.table_name = 'users'
                    AND c.column_name = e.col AND c.data_type = e.typ
                    AND c.is_nullable = e.nul
                    AND c.column_default IS NOT DISTINCT FROM e.def);

-- check: users primary key is ("id") and "email" is unique
SELECT 'users lacks ' || e.kind || ' constraint ' || e.name || ' on (' || e.cols || ')' AS problem
FROM (VALUES ('p', 'users_pkey',      'id'),
             ('u', 'users_email_key', 'email')) AS e(kind, name, cols)
WHERE NOT EXISTS (
    SELECT 1 FROM pg_constraint k
    WHERE k.conrelid = to_regclass('public."users"') AND k.contype = e.kind::"char" AND k.conname = e.name
      AND (SELECT string_agg(a.attname, ',' ORDER BY x.ord)
           FROM unnest(k.conkey) WITH ORDINALITY AS x(attnum, ord)
           JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = x.attnum) = e.cols);

-- check: users table comment says it is a local reference table
SELECT 'public."users" comment missing or does not say local reference table' AS problem
WHERE coalesce(obj_description(to_regclass('public."users"'), 'pg_class'), '') NOT ILIKE '%local reference table%';
