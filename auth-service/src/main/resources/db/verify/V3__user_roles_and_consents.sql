-- Verify checks for auth-service V3__user_roles_and_consents.sql (Lockstep's addition to seed 000).
-- Each check returns zero rows when all is well.

-- check: user_roles and consents exist as base tables with comments
SELECT 'missing base table or comment: auth.' || t AS problem
FROM unnest(ARRAY['user_roles', 'consents']) AS t
WHERE NOT EXISTS (SELECT 1 FROM information_schema.tables
                  WHERE table_schema = 'auth' AND table_name = t AND table_type = 'BASE TABLE')
   OR coalesce(obj_description(to_regclass('auth.' || t), 'pg_class'), '') = '';

-- check: columns have the expected type, length, nullability and default
SELECT e.tbl || '.' || e.col || ' missing or wrong: expected ' || e.typ || coalesce('(' || e.len || ')', '')
       || ' nullable=' || e.nul || ' default=' || coalesce(e.def, '<none>') AS problem
FROM (VALUES ('user_roles', 'id_usuario', 'bigint',                   NULL::int, 'NO',  NULL),
             ('user_roles', 'role',       'character varying',        30,        'NO',  NULL),
             ('user_roles', 'granted_at', 'timestamp with time zone', NULL,      'NO',  'now()'),
             ('user_roles', 'granted_by', 'bigint',                   NULL,      'YES', NULL),
             ('consents',   'id_consent', 'bigint',                   NULL,      'NO',  'nextval(''auth.consents_id_consent_seq''::regclass)'),
             ('consents',   'id_usuario', 'bigint',                   NULL,      'NO',  NULL),
             ('consents',   'purpose',    'character varying',        50,        'NO',  NULL),
             ('consents',   'granted_at', 'timestamp with time zone', NULL,      'NO',  'now()'),
             ('consents',   'revoked_at', 'timestamp with time zone', NULL,      'YES', NULL)) AS e(tbl, col, typ, len, nul, def)
WHERE NOT EXISTS (SELECT 1 FROM information_schema.columns c
                  WHERE c.table_schema = 'auth' AND c.table_name = e.tbl AND c.column_name = e.col
                    AND c.data_type = e.typ
                    AND c.character_maximum_length IS NOT DISTINCT FROM e.len
                    AND c.is_nullable = e.nul
                    AND c.column_default IS NOT DISTINCT FROM e.def);

-- check: primary keys are user_roles (id_usuario, role) and consents (id_consent)
SELECT e.tbl || ' primary key is not (' || e.cols || ')' AS problem
FROM (VALUES ('user_roles', 'id_usuario,role'), ('consents', 'id_consent')) AS e(tbl, cols)
WHERE NOT EXISTS (
    SELECT 1 FROM pg_constraint k
    WHERE k.conrelid = to_regclass('auth.' || e.tbl) AND k.contype = 'p'
      AND (SELECT string_agg(a.attname, ',' ORDER BY x.ord)
           FROM unnest(k.conkey) WITH ORDINALITY AS x(attnum, ord)
           JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = x.attnum) = e.cols);

-- check: foreign keys to sys_usuarios(id_usuario) with the intended delete actions
SELECT e.tbl || '.' || e.col || ' has no FK to auth.sys_usuarios(id_usuario) ON DELETE ' || e.action AS problem
FROM (VALUES ('user_roles', 'id_usuario', 'CASCADE',  'c'),
             ('user_roles', 'granted_by', 'SET NULL', 'n'),
             ('consents',   'id_usuario', 'CASCADE',  'c')) AS e(tbl, col, action, code)
WHERE NOT EXISTS (
    SELECT 1 FROM pg_constraint k
    WHERE k.conrelid = to_regclass('auth.' || e.tbl) AND k.contype = 'f'
      AND k.confrelid = to_regclass('auth.sys_usuarios')
      AND k.conkey = ARRAY[(SELECT attnum FROM pg_attribute WHERE attrelid = to_regclass('auth.' || e.tbl) AND attname = e.col)]
      AND k.confkey = ARRAY[(SELECT attnum FROM pg_attribute WHERE attrelid = to_regclass('auth.sys_usuarios') AND attname = 'id_usuario')]
      AND k.confdeltype = e.code::"char");

-- check: the role and purpose CHECKs allow exactly the names auth-service uses
SELECT e.name || ' missing or different: ' || coalesce(d.def, '<missing>') AS problem
FROM (VALUES ('user_roles', 'user_roles_role_check',
              'CHECK (((role)::text = ANY ((ARRAY[''admin''::character varying, ''therapist''::character varying, ''staff''::character varying, ''researcher''::character varying, ''patient''::character varying, ''release-manager''::character varying, ''approver''::character varying, ''viewer''::character varying, ''schema-viewer''::character varying, ''schema-operator''::character varying])::text[])))'),
             ('consents', 'consents_purpose_check',
              'CHECK (((purpose)::text = ''voice_transcripts''::text))'),
             ('consents', 'consents_revoked_after_granted',
              'CHECK (((revoked_at IS NULL) OR (revoked_at >= granted_at)))')) AS e(tbl, name, expected)
CROSS JOIN LATERAL (SELECT (SELECT pg_get_constraintdef(k.oid) FROM pg_constraint k
                            WHERE k.conrelid = to_regclass('auth.' || e.tbl) AND k.conname = e.name
                              AND k.contype = 'c') AS def) AS d
WHERE d.def IS DISTINCT FROM e.expected;

-- check: at most one active consent per user and purpose (partial unique index) and the granted_by index
SELECT 'index auth.' || e.idx || ' missing or not ' || e.expected AS problem
FROM (VALUES ('uq_consents_active',
              'CREATE UNIQUE INDEX uq_consents_active ON auth.consents USING btree (id_usuario, purpose) WHERE (revoked_at IS NULL)'),
             ('idx_user_roles_granted_by',
              'CREATE INDEX idx_user_roles_granted_by ON auth.user_roles USING btree (granted_by)')) AS e(idx, expected)
WHERE (SELECT pg_get_indexdef(to_regclass('auth.' || e.idx))) IS DISTINCT FROM e.expected;

-- check: no consent is revoked before it was granted, and no user has two active consents to one purpose
SELECT 'consent ' || id_consent || ' of user ' || id_usuario || ' is inconsistent' AS problem
FROM auth.consents c
WHERE c.revoked_at < c.granted_at
   OR (c.revoked_at IS NULL AND EXISTS (SELECT 1 FROM auth.consents o
                                        WHERE o.id_usuario = c.id_usuario AND o.purpose = c.purpose
                                          AND o.revoked_at IS NULL AND o.id_consent <> c.id_consent));
