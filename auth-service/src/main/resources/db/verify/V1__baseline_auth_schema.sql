-- Verify checks for auth-service V1__baseline_auth_schema.sql (Seed 000 baseline).
-- Each check returns zero rows when all is well. They must also hold at later versions, so
-- registro_id nullability and the exact shape of audit_log's primary key (both changed by V2)
-- are only asserted in a version-independent way here.

-- check: schema auth exists
SELECT 'missing schema auth' AS problem
WHERE NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'auth');

-- check: baseline tables exist as base tables
SELECT 'missing base table auth.' || t AS problem
FROM unnest(ARRAY['sys_usuarios', 'audit_log']) AS t
WHERE NOT EXISTS (SELECT 1 FROM information_schema.tables
                  WHERE table_schema = 'auth' AND table_name = t AND table_type = 'BASE TABLE');

-- check: sys_usuarios columns have the expected type, length and nullability
SELECT 'sys_usuarios.' || e.col || ' missing or wrong: expected ' || e.typ || coalesce('(' || e.len || ')', '')
       || ' nullable=' || e.nul AS problem
FROM (VALUES ('id_usuario',     'bigint',                   NULL::int, 'NO'),
             ('nombre_usuario', 'character varying',        50,        'NO'),
             ('email',          'character varying',        255,       'YES'),
             ('password_hash',  'character varying',        255,       'NO'),
             ('rol',            'character varying',        30,        'NO'),
             ('activo',         'boolean',                  NULL,      'NO'),
             ('fecha_creacion', 'timestamp with time zone', NULL,      'NO'),
             ('ultimo_acceso',  'timestamp with time zone', NULL,      'YES')) AS e(col, typ, len, nul)
WHERE NOT EXISTS (SELECT 1 FROM information_schema.columns c
                  WHERE c.table_schema = 'auth' AND c.table_name = 'sys_usuarios'
                    AND c.column_name = e.col AND c.data_type = e.typ
                    AND c.character_maximum_length IS NOT DISTINCT FROM e.len
                    AND c.is_nullable = e.nul);

-- check: audit_log baseline columns have the expected type and length (nullability of registro_id changes in V2)
SELECT 'audit_log.' || e.col || ' missing or wrong: expected ' || e.typ || coalesce('(' || e.len || ')', '')
       || coalesce(' nullable=' || e.nul, '') AS problem
FROM (VALUES ('id_log',           'bigint',                   NULL::int, 'NO'),
             ('timestamp_accion', 'timestamp with time zone', NULL,      'NO'),
             ('id_usuario',       'bigint',                   NULL,      'YES'),
             ('accion',           'character varying',        50,        'NO'),
             ('tabla_afectada',   'character varying',        100,       'YES'),
             ('registro_id',      'bigint',                   NULL,      NULL),
             ('datos_anteriores', 'jsonb',                    NULL,      'YES'),
             ('datos_nuevos',     'jsonb',                    NULL,      'YES'),
             ('ip_origen',        'character varying',        45,        'YES')) AS e(col, typ, len, nul)
WHERE NOT EXISTS (SELECT 1 FROM information_schema.columns c
                  WHERE c.table_schema = 'auth' AND c.table_name = 'audit_log'
                    AND c.column_name = e.col AND c.data_type = e.typ
                    AND c.character_maximum_length IS NOT DISTINCT FROM e.len
                    AND (e.nul IS NULL OR c.is_nullable = e.nul));

-- check: column defaults of sys_usuarios and audit_log
SELECT e.tbl || '.' || e.col || ' default is ' || coalesce(c.column_default, '<none>') || ', expected ' || e.def AS problem
FROM (VALUES ('sys_usuarios', 'id_usuario',       'nextval(''auth.sys_usuarios_id_usuario_seq''::regclass)'),
             ('sys_usuarios', 'rol',              '''usuario''::character varying'),
             ('sys_usuarios', 'activo',           'true'),
             ('sys_usuarios', 'fecha_creacion',   'now()'),
             ('audit_log',    'id_log',           'nextval(''auth.audit_log_id_log_seq''::regclass)'),
             ('audit_log',    'timestamp_accion', 'now()')) AS e(tbl, col, def)
LEFT JOIN information_schema.columns c
       ON c.table_schema = 'auth' AND c.table_name = e.tbl AND c.column_name = e.col
WHERE c.column_default IS DISTINCT FROM e.def;

-- check: sys_usuarios primary key is (id_usuario) and nombre_usuario, email are unique
SELECT 'sys_usuarios lacks ' || e.kind || ' constraint ' || e.name || ' on (' || e.cols || ')' AS problem
FROM (VALUES ('p', 'sys_usuarios_pkey',               'id_usuario'),
             ('u', 'sys_usuarios_nombre_usuario_key', 'nombre_usuario'),
             ('u', 'sys_usuarios_email_key',          'email')) AS e(kind, name, cols)
WHERE NOT EXISTS (
    SELECT 1 FROM pg_constraint k
    WHERE k.conrelid = to_regclass('auth.sys_usuarios') AND k.contype = e.kind::"char" AND k.conname = e.name
      AND (SELECT string_agg(a.attname, ',' ORDER BY x.ord)
           FROM unnest(k.conkey) WITH ORDINALITY AS x(attnum, ord)
           JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = x.attnum) = e.cols);

-- check: sys_usuarios.rol CHECK allows exactly admin, medico, enfermero, recepcionista, usuario
SELECT 'sys_usuarios_rol_check missing or different: ' || coalesce(d.def, '<missing>') AS problem
FROM (SELECT (SELECT pg_get_constraintdef(k.oid) FROM pg_constraint k
              WHERE k.conrelid = to_regclass('auth.sys_usuarios') AND k.conname = 'sys_usuarios_rol_check'
                AND k.contype = 'c') AS def) AS d
WHERE d.def IS DISTINCT FROM
      'CHECK (((rol)::text = ANY ((ARRAY[''admin''::character varying, ''medico''::character varying, ''enfermero''::character varying, ''recepcionista''::character varying, ''usuario''::character varying])::text[])))';

-- check: audit_log has a primary key audit_log_pkey starting with id_log (its exact shape changes in V2)
SELECT 'audit_log primary key audit_log_pkey missing or not led by id_log' AS problem
WHERE NOT EXISTS (
    SELECT 1 FROM pg_constraint k
    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
    WHERE k.conrelid = to_regclass('auth.audit_log') AND k.contype = 'p'
      AND k.conname = 'audit_log_pkey' AND a.attname = 'id_log');

-- check: audit_log.id_usuario references sys_usuarios(id_usuario) ON DELETE SET NULL
SELECT 'audit_log_id_usuario_fkey missing or not ON DELETE SET NULL to sys_usuarios(id_usuario)' AS problem
WHERE NOT EXISTS (
    SELECT 1 FROM pg_constraint k
    WHERE k.conrelid = to_regclass('auth.audit_log') AND k.contype = 'f'
      AND k.conname = 'audit_log_id_usuario_fkey'
      AND k.confrelid = to_regclass('auth.sys_usuarios')
      AND k.conkey = ARRAY[(SELECT attnum FROM pg_attribute WHERE attrelid = to_regclass('auth.audit_log') AND attname = 'id_usuario')]
      AND k.confkey = ARRAY[(SELECT attnum FROM pg_attribute WHERE attrelid = to_regclass('auth.sys_usuarios') AND attname = 'id_usuario')]
      AND k.confdeltype = 'n');

-- check: baseline audit_log indexes exist on the right columns
SELECT 'index auth.' || e.idx || ' missing or not on ' || e.tbl || '(' || e.cols || ')' AS problem
FROM (VALUES ('idx_audit_log_usuario',        'audit_log', 'id_usuario'),
             ('idx_audit_log_timestamp',      'audit_log', 'timestamp_accion'),
             ('idx_audit_log_tabla_registro', 'audit_log', 'tabla_afectada,registro_id')) AS e(idx, tbl, cols)
WHERE NOT EXISTS (
    SELECT 1 FROM pg_index i
    JOIN pg_class ic ON ic.oid = i.indexrelid
    JOIN pg_class tc ON tc.oid = i.indrelid
    JOIN pg_namespace n ON n.oid = ic.relnamespace
    WHERE n.nspname = 'auth' AND ic.relname = e.idx AND tc.relname = e.tbl
      AND (SELECT string_agg(a.attname, ',' ORDER BY x.ord)
           FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS x(attnum, ord)
           JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = x.attnum) = e.cols);

-- check: baseline tables have comments
SELECT 'auth.' || t || ' has no table comment' AS problem
FROM unnest(ARRAY['sys_usuarios', 'audit_log']) AS t
WHERE coalesce(obj_description(to_regclass('auth.' || t), 'pg_class'), '') = '';
