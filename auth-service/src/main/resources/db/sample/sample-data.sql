-- auth-service development sample data (Seed 000 baseline), for a database exactly at V1.
-- 500 users in auth.sys_usuarios and 5000 rows in auth.audit_log. Deterministic (md5 of the
-- row number and modulo arithmetic, no random()), obviously fake (example.test e-mails,
-- TEST-NET 192.0.2.x / 198.51.100.x addresses, sha256 of a fake string as password hash).
-- Not a migration; load it once into a fresh V1 database.

INSERT INTO auth.sys_usuarios (id_usuario, nombre_usuario, email, password_hash, rol, activo,
                               fecha_creacion, ultimo_acceso)
SELECT i,
       'usuario' || lpad(i::text, 4, '0'),
       CASE WHEN i % 25 = 0 THEN NULL                      -- a few users without e-mail
            ELSE 'usuario' || lpad(i::text, 4, '0') || '@example.test' END,
       encode(sha256(convert_to('fake-password-' || md5(i::text), 'UTF8')), 'hex'),
       (ARRAY['admin', 'medico', 'medico', 'enfermero', 'enfermero', 'recepcionista', 'usuario', 'usuario'])[1 + i % 8],
       i % 17 <> 0,
       TIMESTAMPTZ '2023-01-01 08:00:00+00' + (i * 17) * INTERVAL '1 hour',
       CASE WHEN i % 9 = 0 THEN NULL
            ELSE TIMESTAMPTZ '2024-06-01 08:00:00+00' + (i * 53 % 4000) * INTERVAL '1 hour' END
FROM generate_series(1, 500) AS s(i);

SELECT setval(pg_get_serial_sequence('auth.sys_usuarios', 'id_usuario'),
              (SELECT max(id_usuario) FROM auth.sys_usuarios));

INSERT INTO auth.audit_log (id_log, timestamp_accion, id_usuario, accion, tabla_afectada, registro_id,
                            datos_anteriores, datos_nuevos, ip_origen)
SELECT i,
       TIMESTAMPTZ '2024-01-01 00:00:00+00' + (i * 97) * INTERVAL '1 minute',
       CASE WHEN i % 20 = 0 THEN NULL ELSE 1 + (i * 7) % 500 END,      -- some system events
       a.accion,
       a.tabla,
       CASE WHEN a.tabla = 'sys_usuarios' THEN 1 + (i * 13) % 500 ELSE 1 + (i * 31) % 20000 END,
       CASE WHEN a.accion IN ('UPDATE', 'DELETE')
            THEN jsonb_build_object('estado', 'anterior', 'hash', left(md5(i::text), 12)) END,
       CASE WHEN a.accion IN ('INSERT', 'UPDATE')
            THEN jsonb_build_object('estado', 'nuevo', 'hash', left(md5((i + 1)::text), 12)) END,
       CASE WHEN i % 3 = 0 THEN '198.51.100.' || (i % 250 + 1) ELSE '192.0.2.' || (i % 250 + 1) END
FROM generate_series(1, 5000) AS s(i)
CROSS JOIN LATERAL (
    SELECT x.accion,
           CASE WHEN x.accion IN ('LOGIN', 'LOGOUT') THEN 'sys_usuarios'   -- registro_id = the user
                ELSE (ARRAY['sys_usuarios', 'pacientes', 'citas', 'consultas', 'recetas'])[1 + (i / 7) % 5] END AS tabla
    FROM (SELECT (ARRAY['LOGIN', 'LOGOUT', 'INSERT', 'UPDATE', 'UPDATE', 'DELETE', 'SELECT'])[1 + i % 7] AS accion) AS x
) AS a;

SELECT setval(pg_get_serial_sequence('auth.audit_log', 'id_log'),
              (SELECT max(id_log) FROM auth.audit_log));
