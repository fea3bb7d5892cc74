-- check: every rollout table exists
SELECT 'missing table coordinator.' || t AS problem
FROM unnest(ARRAY['plans', 'rollouts', 'rollout_targets', 'rollout_events', 'approvals', 'compensations',
                  'target_locks']) AS t
WHERE to_regclass('coordinator.' || t) IS NULL;

-- check: a target can be locked by one rollout only
SELECT 'target_locks primary key is not (service, environment)' AS problem
WHERE (SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'target_locks_pkey'
         AND conrelid = to_regclass('coordinator.target_locks')) IS DISTINCT FROM 'PRIMARY KEY (service, environment)';

-- check: approvals need a comment and count once per approver
SELECT 'missing constraint ' || c AS problem
FROM unnest(ARRAY['approvals_pkey', 'approvals_comment_check']) AS c
WHERE NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = c AND conrelid = to_regclass('coordinator.approvals'));
