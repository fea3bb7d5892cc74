-- =====================================================================================
-- auth-service  V1__baseline_auth_schema.sql
-- Seed 000: "Database Migration Plan for Integration Features" (clinica_auth_db, schema auth).
--
-- What it does: reconstructs the auth schema as it stood BEFORE seed 000's change, i.e. the
-- state its forward migration (our V2) starts from:
--   * schema auth;
--   * auth.sys_usuarios  - application users (referenced by seed 000 as
--                          auth.sys_usuarios(id_usuario) from voice_transcripts);
--   * auth.audit_log     - audit trail, with registro_id NOT NULL and the OLD composite
--                          primary key audit_log_pkey (id_log, timestamp_accion) that seed 000
--                          calls the "duplicate primary key on timestamp_accion" and replaces
--                          by PRIMARY KEY (id_log).
--
-- Reconstructed (the seed only names/hints these; chosen plausibly):
--   * sys_usuarios columns: id_usuario BIGSERIAL PK (named in the seed's FK), nombre_usuario
--     VARCHAR(50) NOT NULL UNIQUE (matches the width of the audit_log.username column V2 adds),
--     email, password_hash, rol (CHECK rol IN ('admin','medico','enfermero','recepcionista',
--     'usuario'), default 'usuario'), activo, fecha_creacion, ultimo_acceso.
--   * audit_log columns: id_log, timestamp_accion and registro_id are named by the seed
--     (registro_id NOT NULL is implied by V2's "DROP NOT NULL"); id_usuario (FK to
--     sys_usuarios, ON DELETE SET NULL so the audit trail survives user deletion), accion,
--     tabla_afectada, datos_anteriores/datos_nuevos (JSONB), ip_origen (VARCHAR(45) fits IPv6).
--   * Indexes: idx_audit_log_usuario (id_usuario: "what did user X do", also covers the FK),
--     idx_audit_log_timestamp (timestamp_accion: time-range queries and retention purges; the
--     composite PK leads with id_log and cannot serve them), idx_audit_log_tabla_registro
--     (tabla_afectada, registro_id: history of one record).
--
-- Deviations from the seed: none (the seed does not contain this baseline; everything here is
-- a reconstruction from its hints, as listed above).
-- =====================================================================================

CREATE SCHEMA auth;

COMMENT ON SCHEMA auth IS 'auth-service: users, authentication and audit trail (clinica_auth_db).';

CREATE TABLE auth.sys_usuarios (
    id_usuario      BIGSERIAL    PRIMARY KEY,
    nombre_usuario  VARCHAR(50)  NOT NULL UNIQUE,
    email           VARCHAR(255) UNIQUE,
    password_hash   VARCHAR(255) NOT NULL,
    rol             VARCHAR(30)  NOT NULL DEFAULT 'usuario',
    activo          BOOLEAN      NOT NULL DEFAULT true,
    fecha_creacion  TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    ultimo_acceso   TIMESTAMPTZ,
    CONSTRAINT sys_usuarios_rol_check
        CHECK (rol IN ('admin', 'medico', 'enfermero', 'recepcionista', 'usuario'))
);

COMMENT ON TABLE auth.sys_usuarios IS
    'System users of the clinic applications (login name, password hash, role, active flag). Owned by auth-service; other services keep local reference copies keyed by id_usuario.';
COMMENT ON COLUMN auth.sys_usuarios.password_hash IS 'Password hash only (never plain text).';
COMMENT ON COLUMN auth.sys_usuarios.rol IS 'Application role: admin, medico, enfermero, recepcionista or usuario.';

CREATE TABLE auth.audit_log (
    id_log            BIGSERIAL,
    timestamp_accion  TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    id_usuario        BIGINT       REFERENCES auth.sys_usuarios (id_usuario) ON DELETE SET NULL,
    accion            VARCHAR(50)  NOT NULL,
    tabla_afectada    VARCHAR(100),
    registro_id       BIGINT       NOT NULL,
    datos_anteriores  JSONB,
    datos_nuevos      JSONB,
    ip_origen         VARCHAR(45),
    CONSTRAINT audit_log_pkey PRIMARY KEY (id_log, timestamp_accion)
);

COMMENT ON TABLE auth.audit_log IS
    'Audit trail of user actions (who, when, what, on which record, before/after data, origin IP). Rows are kept when the user is deleted (id_usuario set to NULL).';
COMMENT ON COLUMN auth.audit_log.registro_id IS 'Primary key of the affected record in tabla_afectada.';

CREATE INDEX idx_audit_log_usuario ON auth.audit_log (id_usuario);
CREATE INDEX idx_audit_log_timestamp ON auth.audit_log (timestamp_accion);
CREATE INDEX idx_audit_log_tabla_registro ON auth.audit_log (tabla_afectada, registro_id);
