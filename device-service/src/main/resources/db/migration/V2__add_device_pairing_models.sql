-- =====================================================================================
-- device-service  V2__add_device_pairing_models.sql
-- Seed 003: "Agent 17: Database Migration Guide" - Prisma migration add_device_pairing_models
-- ("Migration SQL Preview").
--
-- What it does: creates
--   * enums public."DeviceType" ('DESKTOP','MOBILE_IOS','MOBILE_ANDROID','TABLET') and
--     public."PermissionScope" ('READ_PATIENT_DATA','WRITE_NOTES','VIEW_TRANSCRIPT',
--     'CONTROL_RECORDING','ACCESS_DIAGNOSIS','VIEW_MEDICATIONS','EDIT_SOAP_NOTES','FULL_ACCESS');
--   * public."device_pairings" (UNIQUE "deviceId", UNIQUE "sessionToken",
--     FK "device_pairings_userId_fkey" -> public."users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
--     "users" is the local reference table of auth-service users created in V1) with indexes
--     device_pairings_userId_idx, device_pairings_deviceId_idx, device_pairings_expiresAt_idx,
--     device_pairings_isActive_idx;
--   * public."device_permissions" (FK "device_permissions_devicePairingId_fkey" ->
--     public."device_pairings"("id") ON DELETE CASCADE ON UPDATE CASCADE) with the unique index
--     device_permissions_devicePairingId_permission_key and indexes
--     device_permissions_devicePairingId_idx, device_permissions_permission_idx.
--   Every column, default, constraint and index name is the seed's. The seed's redundant
--   indexes are kept on purpose (faithfulness): device_pairings_deviceId_idx duplicates the
--   index behind UNIQUE "deviceId", and device_permissions_devicePairingId_idx is a prefix of
--   device_permissions_devicePairingId_permission_key.
--
-- Deviations from the seed:
--   * "device_pairings"."deviceType" is of type public."DeviceType" and
--     "device_permissions"."permission" of type public."PermissionScope" instead of the
--     preview's TEXT: that is what Prisma generates for enum fields, and with TEXT the two enums
--     the seed creates would be dead types that constrain nothing.
--   * The enums are created before the tables (the preview lists them last) because the
--     columns above now use them.
--   * All objects are schema-qualified (public."...") per project rules; the seed relies on the
--     search_path.
--   * COMMENT ON TABLE added for both tables (the seed has none).
--   * Not SQL, so not included: the seed's prisma CLI steps, \dt / \dT+ / \d checks (turned into
--     db/verify/V2__add_device_pairing_models.sql) and its suggested cleanup cron
--     (DELETE ... WHERE expiresAt < NOW() - unquoted identifiers, it would not even run).
-- =====================================================================================

CREATE TYPE public."DeviceType" AS ENUM ('DESKTOP', 'MOBILE_IOS', 'MOBILE_ANDROID', 'TABLET');

CREATE TYPE public."PermissionScope" AS ENUM (
  'READ_PATIENT_DATA',
  'WRITE_NOTES',
  'VIEW_TRANSCRIPT',
  'CONTROL_RECORDING',
  'ACCESS_DIAGNOSIS',
  'VIEW_MEDICATIONS',
  'EDIT_SOAP_NOTES',
  'FULL_ACCESS'
);

CREATE TABLE public."device_pairings" (
  "id" TEXT NOT NULL PRIMARY KEY,
  "userId" TEXT NOT NULL,
  "deviceId" TEXT NOT NULL UNIQUE,
  "deviceType" public."DeviceType" NOT NULL,
  "deviceName" TEXT,
  "sessionToken" TEXT NOT NULL UNIQUE,
  "expiresAt" TIMESTAMP NOT NULL,
  "ipAddress" TEXT,
  "userAgent" TEXT,
  "isActive" BOOLEAN NOT NULL DEFAULT true,
  "lastSeenAt" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "createdAt" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP NOT NULL,

  CONSTRAINT "device_pairings_userId_fkey"
    FOREIGN KEY ("userId") REFERENCES public."users"("id")
    ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "device_pairings_userId_idx" ON public."device_pairings"("userId");
CREATE INDEX "device_pairings_deviceId_idx" ON public."device_pairings"("deviceId");
CREATE INDEX "device_pairings_expiresAt_idx" ON public."device_pairings"("expiresAt");
CREATE INDEX "device_pairings_isActive_idx" ON public."device_pairings"("isActive");

COMMENT ON TABLE public."device_pairings" IS
    'Devices (desktop, phone, tablet) paired with a user via QR code, with their session token, expiry and activity. Soft-deactivated via isActive; deleted with the user (ON DELETE CASCADE).';

CREATE TABLE public."device_permissions" (
  "id" TEXT NOT NULL PRIMARY KEY,
  "devicePairingId" TEXT NOT NULL,
  "permission" public."PermissionScope" NOT NULL,
  "grantedAt" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "expiresAt" TIMESTAMP,
  "createdAt" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP NOT NULL,

  CONSTRAINT "device_permissions_devicePairingId_fkey"
    FOREIGN KEY ("devicePairingId") REFERENCES public."device_pairings"("id")
    ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE UNIQUE INDEX "device_permissions_devicePairingId_permission_key"
  ON public."device_permissions"("devicePairingId", "permission");
CREATE INDEX "device_permissions_devicePairingId_idx" ON public."device_permissions"("devicePairingId");
CREATE INDEX "device_permissions_permission_idx" ON public."device_permissions"("permission");

COMMENT ON TABLE public."device_permissions" IS
    'Permission scopes granted to a paired device (one row per device and scope, optional expiry). Deleted with the pairing (ON DELETE CASCADE).';
