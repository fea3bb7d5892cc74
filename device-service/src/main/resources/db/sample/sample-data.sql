-- device-service development sample data (Seed 003 baseline), for a database exactly at V1.
-- 2000 rows in the local reference table public."users" (ids '1'..'2000' as auth-service
-- ids rendered as text). Deterministic (md5 of the row number, modulo arithmetic, no random()),
-- obviously fake (example.test e-mails). Not a migration; load it once into a fresh V1 database.

INSERT INTO public."users" ("id", "email", "name", "role", "createdAt", "updatedAt")
SELECT i::text,
       'user' || lpad(i::text, 4, '0') || '.' || left(md5(i::text), 6) || '@example.test',
       CASE WHEN i % 30 = 0 THEN NULL
            ELSE (ARRAY['Ana', 'Luis', 'Marta', 'Jorge', 'Lucia', 'Pablo', 'Sofia', 'Diego', 'Elena', 'Raul'])[1 + i % 10]
                 || ' ' ||
                 (ARRAY['Garcia', 'Lopez', 'Perez', 'Sanchez', 'Romero', 'Navarro', 'Torres', 'Ruiz'])[1 + (i / 10) % 8]
                 || ' (Test ' || i || ')' END,
       (ARRAY['CLINICIAN', 'CLINICIAN', 'CLINICIAN', 'NURSE', 'NURSE', 'ADMIN', 'STAFF'])[1 + i % 7],
       TIMESTAMP '2023-01-01 09:00:00' + (i * 7) * INTERVAL '1 hour',
       TIMESTAMP '2023-01-01 09:00:00' + (i * 7 + (i * 37) % 5000) * INTERVAL '1 hour'
FROM generate_series(1, 2000) AS s(i);
