-- =====================================================================================
-- device-service  V1__baseline_users.sql
-- Seed 003: "Agent 17: Database Migration Guide" (Prisma migration add_device_pairing_models).
--
-- What it does: creates public."users", the table seed 003 depends on ("Ensure User model
-- exists. This migration depends on the users table"; device_pairings."userId" references
-- "users"("id")).
-- LOCAL REFERENCE TABLE: users are owned by auth-service (auth.sys_usuarios in its own
-- database). A cross-database foreign key is impossible, so device-service keeps this local
-- reference copy keyed by the auth-service user id (sys_usuarios.id_usuario rendered as
-- TEXT, Prisma's String id). It is synchronised from auth-service, not edited here.
--
-- Reconstructed (the seed gives no columns for users; Prisma naming/quoting as in the seed):
--   "id" TEXT PRIMARY KEY (users_pkey), "email" TEXT NOT NULL UNIQUE (users_email_key),
--   "name" TEXT, "role" TEXT NOT NULL DEFAULT 'CLINICIAN' (no CHECK: the role vocabulary is
--   owned by auth-service), "createdAt" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
--   "updatedAt" TIMESTAMP NOT NULL (Prisma @updatedAt: set by the client, no default).
--
-- Deviations from the seed: none (the seed does not define users; everything here is the
-- reconstruction listed above, schema-qualified as public."users" per project rules).
-- =====================================================================================

CREATE TABLE public."users" (
    "id"        TEXT      NOT NULL PRIMARY KEY,
    "email"     TEXT      NOT NULL UNIQUE,
    "name"      TEXT,
    "role"      TEXT      NOT NULL DEFAULT 'CLINICIAN',
    "createdAt" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP NOT NULL
);

COMMENT ON TABLE public."users" IS
    'Local reference table of auth-service users (auth.sys_usuarios, owned by auth-service in another database); "id" is the auth-service id_usuario as text. Synchronised copy, not the source of truth.';
COMMENT ON COLUMN public."users"."id" IS 'auth-service user id (auth.sys_usuarios.id_usuario) as text.';
