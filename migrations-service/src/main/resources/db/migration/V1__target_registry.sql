-- =====================================================================================
-- migrations-service  V1__target_registry.sql
-- Seed: none. This is Lockstep's own coordinator database, not one of the seeds' schemas.
-- The coordinator never holds a domain database's credentials: it knows, per service and
-- environment, only the address of that service's schema agent.
-- Deviations from the seed: none (no seed applies).
-- =====================================================================================
CREATE SCHEMA coordinator;
COMMENT ON SCHEMA coordinator IS 'Lockstep coordinator: target registry, releases, rollouts, approvals, audit.';

CREATE TABLE coordinator.targets (
    service      TEXT        NOT NULL,
    environment  TEXT        NOT NULL,
    agent_address TEXT       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT targets_pkey PRIMARY KEY (service, environment),
    CONSTRAINT targets_service_check CHECK (service ~ '^[a-z][a-z0-9-]{0,62}$'),
    CONSTRAINT targets_environment_check CHECK (environment ~ '^[a-z][a-z0-9-]{0,30}$'),
    CONSTRAINT targets_agent_address_check CHECK (agent_address ~ '^[A-Za-z0-9.-]+:[0-9]{1,5}$')
);
COMMENT ON TABLE coordinator.targets IS 'Where each service''s schema agent listens, per environment (host:port).';
