-- =====================================================================================
-- sessions-service  sample-data.sql  (development data, NOT a migration)
-- Fills the V1 tables (seed 001 baseline, schema therapy) on a database exactly at V1:
--   * therapy.users              300 rows  (user_0001 .. user_0300; roles therapist /
--                                           researcher / admin; fake bcrypt-shaped hashes)
--   * therapy.conversation_logs 6000 rows  (1000 sessions x 6 messages: system, then user /
--                                           assistant turns; every 10th session anonymous)
-- Deterministic: values derive from generate_series and md5(i::text) / modulo arithmetic (no
-- random()), so a fresh database at V1 always gets identical rows. All values are obviously
-- fake: no real names, no real health information.
-- =====================================================================================

INSERT INTO therapy.users (username, password_hash, role, created_at)
SELECT 'user_' || lpad(i::text, 4, '0'),
       '$2b$10$' || substr(md5('pw' || i::text) || md5('salt' || i::text), 1, 53),
       CASE WHEN i % 25 = 0 THEN 'admin'
            WHEN i % 4 = 0 THEN 'researcher'
            ELSE 'therapist' END,
       TIMESTAMP '2024-01-01 08:00:00' + i * INTERVAL '29 hours'
FROM generate_series(1, 300) AS i;

INSERT INTO therapy.conversation_logs (session_id, user_id, role, message_type, content, metadata, timestamp)
SELECT md5('session' || s::text)::uuid::text,
       u.id,
       CASE WHEN k = 1 THEN 'system' WHEN k % 2 = 0 THEN 'user' ELSE 'assistant' END,
       CASE WHEN s % 3 = 0 THEN 'chat' ELSE 'voice' END,
       CASE WHEN k = 1 THEN 'Sample system prompt #' || (s % 7 + 1) || ': you are a supportive practice assistant (fake data).'
            WHEN k % 2 = 0 THEN (ARRAY['Sample user turn: I had a busy week at work.',
                                       'Sample user turn: I would like to practise a breathing exercise.',
                                       'Sample user turn: Sleep has been so-so lately.',
                                       'Sample user turn: Can we talk about planning my day?',
                                       'Sample user turn: Thanks, that helped a little.'])[get_byte(decode(md5(s::text || '-' || k::text), 'hex'), 0) % 5 + 1]
            ELSE (ARRAY['Sample assistant turn: Thank you for sharing that.',
                        'Sample assistant turn: Let us try a short grounding exercise.',
                        'Sample assistant turn: What would a small next step look like?',
                        'Sample assistant turn: That sounds like a lot to carry.',
                        'Sample assistant turn: We can come back to this next time.'])[get_byte(decode(md5(s::text || '-' || k::text), 'hex'), 1) % 5 + 1]
       END,
       jsonb_build_object('sample', true,
                          'seq', k,
                          'client', CASE WHEN s % 2 = 0 THEN 'web' ELSE 'mobile' END,
                          'latency_ms', 150 + get_byte(decode(md5(s::text || '/' || k::text), 'hex'), 2) * 3),
       TIMESTAMP '2024-02-01 09:00:00' + s * INTERVAL '7 hours 13 minutes' + k * INTERVAL '45 seconds'
FROM generate_series(1, 1000) AS s
CROSS JOIN generate_series(1, 6) AS k
LEFT JOIN therapy.users u
       ON s % 10 <> 0
      AND u.username = 'user_' || lpad(((s * 7) % 300 + 1)::text, 4, '0')
ORDER BY s, k;
