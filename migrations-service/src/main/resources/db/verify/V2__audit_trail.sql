-- check: audit_log has its eight columns with their types and nullability
SELECT 'coordinator.audit_log.' || e.col || ' missing or wrong: expected ' || e.typ
       || CASE WHEN e.nullable = 'YES' THEN ' NULL' ELSE ' NOT NULL' END AS problem
FROM (VALUES ('sequence',      'bigint',                   'NO'),
             ('created_at',    'timestamp with time zone', 'NO'),
             ('actor',         'text',                     'NO'),
             ('action',        'text',                     'NO'),
             ('rollout_id',    'uuid',                     'YES'),
             ('detail',        'text',                     'NO'),
             ('previous_hash', 'character',                'NO'),
             ('hash',          'character',                'NO')) AS e(col, typ, nullable)
WHERE NOT EXISTS (SELECT 1 FROM information_schema.columns c
                  WHERE c.table_schema = 'coordinator' AND c.table_name = 'audit_log'
                    AND c.column_name = e.col AND c.data_type = e.typ AND c.is_nullable = e.nullable);

-- check: audit_log is keyed by sequence, hashes are unique and entries are looked up by rollout
SELECT 'coordinator.audit_log lacks ' || e.what AS problem
FROM (VALUES ('PRIMARY KEY (sequence)', 'primary key on sequence'),
             ('UNIQUE (hash)',          'unique constraint on hash')) AS e(def, what)
WHERE NOT EXISTS (SELECT 1 FROM pg_constraint
                  WHERE conrelid = to_regclass('coordinator.audit_log') AND pg_get_constraintdef(oid) = e.def)
UNION ALL
SELECT 'coordinator.audit_log lacks its index on rollout_id'
WHERE to_regclass('coordinator.audit_log_rollout_id_idx') IS NULL;

-- check: the append-only trigger exists and is enabled (a disabled trigger means someone could edit the trail)
SELECT 'trigger audit_log_append_only on coordinator.audit_log is '
       || coalesce(CASE t.tgenabled WHEN 'D' THEN 'disabled' END, 'missing') AS problem
FROM (SELECT 1) AS one
LEFT JOIN pg_trigger t ON t.tgrelid = to_regclass('coordinator.audit_log') AND t.tgname = 'audit_log_append_only'
WHERE t.oid IS NULL OR t.tgenabled = 'D';

-- check: audit sequences run 1..n without gaps (unique and >= 1, so count = max means no gap)
SELECT 'coordinator.audit_log holds ' || n || ' entries but its highest sequence is ' || m
       || ': an entry is missing' AS problem
FROM (SELECT count(*) AS n, coalesce(max(sequence), 0) AS m FROM coordinator.audit_log) AS s
WHERE n <> m;

-- check: requests are keyed by (caller, request_id) and their state is constrained
SELECT 'coordinator.requests lacks ' || e.what AS problem
FROM (VALUES ('requests_pkey',        'primary key (caller, request_id)'),
             ('requests_state_check', 'state check RUNNING/DONE/FAILED'),
             ('requests_outcome_check', 'outcome check')) AS e(conname, what)
WHERE NOT EXISTS (SELECT 1 FROM pg_constraint
                  WHERE conrelid = to_regclass('coordinator.requests') AND conname = e.conname)
UNION ALL
SELECT 'coordinator.requests primary key is not (caller, request_id)'
WHERE EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('coordinator.requests')
                AND conname = 'requests_pkey' AND pg_get_constraintdef(oid) <> 'PRIMARY KEY (caller, request_id)');
