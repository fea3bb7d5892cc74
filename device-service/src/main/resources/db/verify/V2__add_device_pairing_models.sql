-- Verify checks for device-service V2__add_device_pairing_models.sql (Seed 003).
-- The seed's verification steps (\dt device*, \dT+ DeviceType/PermissionScope, \d device_pairings)
-- turned into zero-row assertions.

-- check: device_pairings and device_permissions exist as base tables in public
SELECT 'missing base table public."' || t || '"' AS problem
FROM unnest(ARRAY['device_pairings', 'device_permissions']) AS t
WHERE NOT EXISTS (SELECT 1 FROM information_schema.tables
                  WHERE table_schema = 'public' AND table_name = t AND table_type = 'BASE TABLE');

-- check: enums DeviceType and PermissionScope exist with exactly the seed's labels in order
SELECT 'enum public."' || e.typ || '" missing or labels differ: '
       || coalesce(array_to_string(g.got, ','), '<missing>') AS problem
FROM (VALUES ('DeviceType',      ARRAY['DESKTOP', 'MOBILE_IOS', 'MOBILE_ANDROID', 'TABLET']),
             ('PermissionScope', ARRAY['READ_PATIENT_DATA', 'WRITE_NOTES', 'VIEW_TRANSCRIPT', 'CONTROL_RECORDING',
                                       'ACCESS_DIAGNOSIS', 'VIEW_MEDICATIONS', 'EDIT_SOAP_NOTES', 'FULL_ACCESS'])
     ) AS e(typ, labels)
CROSS JOIN LATERAL (
    SELECT array_agg(en.enumlabel::text ORDER BY en.enumsortorder) AS got
    FROM pg_enum en
    JOIN pg_type t ON t.oid = en.enumtypid
    JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = 'public' AND t.typname = e.typ
) AS g
WHERE g.got IS DISTINCT FROM e.labels;

-- check: device_pairings columns have the expected type, nullability and default
SELECT 'device_pairings.' || e.col || ' missing or wrong: expected ' || e.typ || ' nullable=' || e.nul
       || ' default=' || coalesce(e.def, '<none>') AS problem
FROM (VALUES ('id',           'text',                        'NO',  NULL),
             ('userId',       'text',                        'NO',  NULL),
             ('deviceId',     'text',                        'NO',  NULL),
             ('deviceType',   'DeviceType',                  'NO',  NULL),
             ('deviceName',   'text',                        'YES', NULL),
             ('sessionToken', 'text',                        'NO',  NULL),
             ('expiresAt',    'timestamp without time zone', 'NO',  NULL),
             ('ipAddress',    'text',                        'YES', NULL),
             ('userAgent',    'text',                        'YES', NULL),
             ('isActive',     'boolean',                     'NO',  'true'),
             ('lastSeenAt',   'timestamp without time zone', 'NO',  'CURRENT_TIMESTAMP'),
             ('createdAt',    'timestamp without time zone', 'NO',  'CURRENT_TIMESTAMP'),
             ('updatedAt',    'timestamp without time zone', 'NO',  NULL)) AS e(col, typ, nul, def)
WHERE NOT EXISTS (SELECT 1 FROM information_schema.columns c
                  WHERE c.table_schema = 'public' AND c.table_name = 'device_pairings'
                    AND c.column_name = e.col
                    AND (CASE WHEN c.data_type = 'USER-DEFINED' THEN c.udt_name::text ELSE c.data_type END) = e.typ
                    AND c.is_nullable = e.nul
                    AND c.column_default IS NOT DISTINCT FROM e.def);

-- check: device_permissions columns have the expected type, nullability and default
SELECT 'device_permissions.' || e.col || ' missing or wrong: expected ' || e.typ || ' nullable=' || e.nul
       || ' default=' || coalesce(e.def, '<none>') AS problem
FROM (VALUES ('id',              'text',                        'NO',  NULL),
             ('devicePairingId', 'text',                        'NO',  NULL),
             ('permission',      'PermissionScope',             'NO',  NULL),
             ('grantedAt',       'timestamp without time zone', 'NO',  'CURRENT_TIMESTAMP'),
             ('expiresAt',       'timestamp without time zone', 'YES', NULL),
             ('createdAt',       'timestamp without time zone', 'NO',  'CURRENT_TIMESTAMP'),
             ('updatedAt',       'timestamp without time zone', 'NO',  NULL)) AS e(col, typ, nul, def)
WHERE NOT EXISTS (SELECT 1 FROM information_schema.columns c
                  WHERE c.table_schema = 'public' AND c.table_name = 'device_permissions'
                    AND c.column_name = e.col
                    AND (CASE WHEN c.data_type = 'USER-DEFINED' THEN c.udt_name::text ELSE c.data_type END) = e.typ
                    AND c.is_nullable = e.nul
                    AND c.column_default IS NOT DISTINCT FROM e.def);

-- check: every index the seed names exists on the right table and columns (and uniqueness)
SELECT 'index public."' || e.idx || '" missing or not ' || CASE WHEN e.uniq THEN 'UNIQUE ' ELSE '' END
       || 'on ' || e.tbl || '(' || e.cols || ')' AS problem
FROM (VALUES ('device_pairings_userId_idx',                        'device_pairings',    'userId',                     false),
             ('device_pairings_deviceId_idx',                      'device_pairings',    'deviceId',                   false),
             ('device_pairings_expiresAt_idx',                     'device_pairings',    'expiresAt',                  false),
             ('device_pairings_isActive_idx',                      'device_pairings',    'isActive',                   false),
             ('device_permissions_devicePairingId_permission_key', 'device_permissions', 'devicePairingId,permission', true),
             ('device_permissions_devicePairingId_idx',            'device_permissions', 'devicePairingId',            false),
             ('device_permissions_permission_idx',                 'device_permissions', 'permission',                 false)
     ) AS e(idx, tbl, cols, uniq)
WHERE NOT EXISTS (
    SELECT 1 FROM pg_index i
    JOIN pg_class ic ON ic.oid = i.indexrelid
    JOIN pg_class tc ON tc.oid = i.indrelid
    JOIN pg_namespace n ON n.oid = ic.relnamespace
    WHERE n.nspname = 'public' AND ic.relname = e.idx AND tc.relname = e.tbl
      AND i.indisunique = e.uniq
      AND (SELECT string_agg(a.attname, ',' ORDER BY x.ord)
           FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS x(attnum, ord)
           JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = x.attnum) = e.cols);

-- check: primary keys on "id" and uniqueness of "deviceId", "sessionToken" and ("devicePairingId","permission")
SELECT 'no ' || e.what || ' on ' || e.tbl || '(' || e.cols || ')' AS problem
FROM (VALUES ('device_pairings',    'id',                         'primary key'),
             ('device_permissions', 'id',                         'primary key'),
             ('device_pairings',    'deviceId',                   'unique index'),
             ('device_pairings',    'sessionToken',               'unique index'),
             ('device_permissions', 'devicePairingId,permission', 'unique index')) AS e(tbl, cols, what)
WHERE NOT EXISTS (
    SELECT 1 FROM pg_index i
    JOIN pg_class tc ON tc.oid = i.indrelid
    JOIN pg_namespace n ON n.oid = tc.relnamespace
    WHERE n.nspname = 'public' AND tc.relname = e.tbl AND i.indisunique
      AND (e.what <> 'primary key' OR i.indisprimary)
      AND i.indpred IS NULL
      AND (SELECT string_agg(a.attname, ',' ORDER BY x.ord)
           FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS x(attnum, ord)
           JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = x.attnum) = e.cols);

-- check: foreign keys exist with the seed's names and ON DELETE CASCADE ON UPDATE CASCADE
SELECT 'FK ' || e.name || ' missing or not ' || e.tbl || '(' || e.col || ') -> ' || e.ref || '(id) ON DELETE CASCADE ON UPDATE CASCADE' AS problem
FROM (VALUES ('device_pairings_userId_fkey',             'device_pairings',    'userId',          'users'),
             ('device_permissions_devicePairingId_fkey', 'device_permissions', 'devicePairingId', 'device_pairings')) AS e(name, tbl, col, ref)
WHERE NOT EXISTS (
    SELECT 1 FROM pg_constraint k
    JOIN pg_class tc ON tc.oid = k.conrelid
    JOIN pg_class rc ON rc.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = tc.relnamespace
    JOIN pg_namespace rn ON rn.oid = rc.relnamespace
    WHERE k.contype = 'f' AND k.conname = e.name
      AND n.nspname = 'public' AND tc.relname = e.tbl
      AND rn.nspname = 'public' AND rc.relname = e.ref
      AND k.conkey = ARRAY[(SELECT attnum FROM pg_attribute WHERE attrelid = k.conrelid AND attname = e.col)]
      AND k.confkey = ARRAY[(SELECT attnum FROM pg_attribute WHERE attrelid = k.confrelid AND attname = 'id')]
      AND k.confdeltype = 'c' AND k.confupdtype = 'c');

-- check: both new tables have comments
SELECT 'public."' || t || '" has no table comment' AS problem
FROM unnest(ARRAY['device_pairings', 'device_permissions']) AS t
WHERE coalesce(obj_description(to_regclass('public."' || t || '"'), 'pg_class'), '') = '';
