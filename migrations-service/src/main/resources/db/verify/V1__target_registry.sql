-- check: the target registry exists with its primary key (service, environment)
SELECT 'coordinator.targets primary key is not (service, environment)' AS problem
WHERE (SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'targets_pkey'
         AND conrelid = to_regclass('coordinator.targets')) IS DISTINCT FROM 'PRIMARY KEY (service, environment)';

-- check: agent addresses are validated as host:port
SELECT 'missing CHECK ' || c AS problem
FROM unnest(ARRAY['targets_service_check', 'targets_environment_check', 'targets_agent_address_check']) AS c
WHERE NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = c AND conrelid = to_regclass('coordinator.targets'));
