-- Verify checks for V3__conversational_threads_initial_schema (seed 002, schema threads).
-- Each check returns zero rows when all is well.

-- check: the seven tables exist in schema threads
SELECT 'missing table threads.' || t AS problem
FROM unnest(ARRAY['conversations', 'utterances', 'nodes', 'relationships',
                  'clusters', 'edits_log', 'api_calls_log']) AS t
WHERE NOT EXISTS (SELECT 1 FROM information_schema.tables
                  WHERE table_schema = 'threads' AND table_name = t AND table_type = 'BASE TABLE');

-- check: uuid-ossp is installed, in schema threads
SELECT 'uuid-ossp extension not installed in schema threads' AS problem
WHERE NOT EXISTS (SELECT 1 FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
                  WHERE e.extname = 'uuid-ossp' AND n.nspname = 'threads');

-- check: every threads table has a single-column uuid primary key defaulting to threads.uuid_generate_v4()
SELECT 'threads.' || t || ': primary key is not id uuid DEFAULT threads.uuid_generate_v4()' AS problem
FROM unnest(ARRAY['conversations', 'utterances', 'nodes', 'relationships',
                  'clusters', 'edits_log', 'api_calls_log']) AS t
WHERE NOT EXISTS (
    SELECT 1
    FROM pg_constraint c
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE c.conrelid = to_regclass('threads.' || t) AND c.contype = 'p'
      AND cardinality(c.conkey) = 1 AND a.attname = 'id'
      AND a.atttypid = 'uuid'::regtype
      AND pg_get_expr(d.adbin, d.adrelid) = 'threads.uuid_generate_v4()');

-- check: key columns have the expected types (JSONB columns named by the seed, arrays, tsvector, numerics)
SELECT 'column threads.' || e.tbl || '.' || e.col || ' expected ' || e.typ || ' nullable=' || e.nullable
       || ', found ' || coalesce(format_type(a.atttypid, a.atttypmod), 'nothing')
       || ' nullable=' || coalesce((NOT a.attnotnull)::text, '?') AS problem
FROM (VALUES
        ('conversations', 'conversation_name', 'text', false),
        ('conversations', 'conversation_type', 'text', false),
        ('conversations', 'source_type', 'text', false),
        ('conversations', 'source_metadata', 'jsonb', true),
        ('conversations', 'participant_count', 'integer', true),
        ('conversations', 'participants', 'jsonb', true),
        ('conversations', 'started_at', 'timestamp with time zone', false),
        ('conversations', 'ended_at', 'timestamp with time zone', true),
        ('conversations', 'goals', 'jsonb[]', true),
        ('conversations', 'goal_progress', 'jsonb', true),
        ('conversations', 'owner_id', 'text', false),
        ('conversations', 'visibility', 'text', true),
        ('conversations', 'tsv_search', 'tsvector', true),
        ('utterances', 'conversation_id', 'uuid', false),
        ('utterances', 'text', 'text', false),
        ('utterances', 'speaker_id', 'text', false),
        ('utterances', 'sequence_number', 'integer', false),
        ('utterances', 'timestamp_start', 'double precision', true),
        ('utterances', 'timestamp_end', 'double precision', true),
        ('utterances', 'confidence_score', 'double precision', true),
        ('utterances', 'platform_metadata', 'jsonb', true),
        ('nodes', 'conversation_id', 'uuid', false),
        ('nodes', 'node_name', 'text', false),
        ('nodes', 'summary', 'text', false),
        ('nodes', 'level', 'integer', true),
        ('nodes', 'parent_id', 'uuid', true),
        ('nodes', 'children_ids', 'uuid[]', true),
        ('nodes', 'predecessor_id', 'uuid', true),
        ('nodes', 'successor_id', 'uuid', true),
        ('nodes', 'chunk_ids', 'uuid[]', false),
        ('nodes', 'utterance_ids', 'uuid[]', true),
        ('nodes', 'speaker_info', 'jsonb', true),
        ('nodes', 'speaker_transitions', 'jsonb[]', true),
        ('nodes', 'cluster_info', 'jsonb', true),
        ('nodes', 'canvas_x', 'integer', true),
        ('nodes', 'canvas_y', 'integer', true),
        ('nodes', 'zoom_level_visible', 'integer[]', true),
        ('relationships', 'from_node_id', 'uuid', false),
        ('relationships', 'to_node_id', 'uuid', false),
        ('relationships', 'relationship_type', 'text', false),
        ('relationships', 'strength', 'double precision', true),
        ('relationships', 'confidence', 'double precision', true),
        ('relationships', 'supporting_utterance_ids', 'uuid[]', true),
        ('clusters', 'level', 'integer', false),
        ('clusters', 'parent_cluster_id', 'uuid', true),
        ('clusters', 'node_ids', 'uuid[]', false),
        ('clusters', 'auto_generated', 'boolean', true),
        ('clusters', 'clustering_algorithm', 'text', true),
        ('edits_log', 'target_type', 'text', false),
        ('edits_log', 'target_id', 'uuid', false),
        ('edits_log', 'edit_type', 'text', false),
        ('edits_log', 'user_confidence', 'double precision', true),
        ('edits_log', 'exported_for_training', 'boolean', true),
        ('api_calls_log', 'conversation_id', 'uuid', true),
        ('api_calls_log', 'prompt_tokens', 'integer', false),
        ('api_calls_log', 'completion_tokens', 'integer', false),
        ('api_calls_log', 'total_tokens', 'integer', false),
        ('api_calls_log', 'total_cost', 'double precision', false),
        ('api_calls_log', 'latency_ms', 'integer', true),
        ('api_calls_log', 'status', 'text', false),
        ('api_calls_log', 'error_message', 'text', true),
        ('api_calls_log', 'started_at', 'timestamp with time zone', false)
     ) AS e(tbl, col, typ, nullable)
LEFT JOIN pg_attribute a
       ON a.attrelid = to_regclass('threads.' || e.tbl) AND a.attname = e.col AND NOT a.attisdropped
WHERE a.attname IS NULL
   OR format_type(a.atttypid, a.atttypmod) <> e.typ
   OR (NOT a.attnotnull) <> e.nullable;

-- check: tsv_search has the GIN index idx_conversations_tsv
SELECT 'missing GIN index idx_conversations_tsv on threads.conversations (tsv_search)' AS problem
WHERE NOT EXISTS (SELECT 1 FROM pg_indexes
                  WHERE schemaname = 'threads' AND indexname = 'idx_conversations_tsv'
                    AND indexdef LIKE '%ON threads.conversations USING gin (tsv_search)');

-- check: trigger trg_conversations_tsv_search keeps tsv_search up to date on INSERT and UPDATE
SELECT 'missing BEFORE INSERT OR UPDATE trigger trg_conversations_tsv_search calling threads.conversations_tsv_search_update()' AS problem
WHERE NOT EXISTS (SELECT 1 FROM pg_trigger t
                  WHERE t.tgrelid = to_regclass('threads.conversations')
                    AND t.tgname = 'trg_conversations_tsv_search' AND NOT t.tgisinternal
                    AND t.tgfoid = to_regprocedure('threads.conversations_tsv_search_update()')
                    AND (t.tgtype & 2) <> 0      -- BEFORE
                    AND (t.tgtype & 4) <> 0      -- INSERT
                    AND (t.tgtype & 16) <> 0);   -- UPDATE

-- check: the tsv function produces a searchable vector from a title
SELECT 'threads.conversations_tsv_search_update() source does not build tsv_search from conversation_name' AS problem
WHERE coalesce((SELECT prosrc FROM pg_proc WHERE oid = to_regprocedure('threads.conversations_tsv_search_update()')), '')
      NOT LIKE '%tsv_search%conversation_name%';

-- check: updated_at triggers on conversations, nodes, clusters
SELECT 'missing updated_at trigger on threads.' || t AS problem
FROM unnest(ARRAY['conversations', 'nodes', 'clusters']) AS t
WHERE NOT EXISTS (SELECT 1 FROM pg_trigger g
                  WHERE g.tgrelid = to_regclass('threads.' || t) AND NOT g.tgisinternal
                    AND g.tgfoid = to_regprocedure('threads.set_updated_at()'));

-- check: foreign keys with their ON DELETE actions (c = CASCADE, n = SET NULL)
SELECT 'missing or wrong FK threads.' || e.tbl || '(' || e.col || ') -> threads.' || e.ref || ' ON DELETE ' || CASE e.act WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' END AS problem
FROM (VALUES
        ('utterances', 'conversation_id', 'conversations', 'c'),
        ('nodes', 'conversation_id', 'conversations', 'c'),
        ('nodes', 'parent_id', 'nodes', 'n'),
        ('nodes', 'predecessor_id', 'nodes', 'n'),
        ('nodes', 'successor_id', 'nodes', 'n'),
        ('relationships', 'conversation_id', 'conversations', 'c'),
        ('relationships', 'from_node_id', 'nodes', 'c'),
        ('relationships', 'to_node_id', 'nodes', 'c'),
        ('clusters', 'conversation_id', 'conversations', 'c'),
        ('clusters', 'parent_cluster_id', 'clusters', 'n'),
        ('edits_log', 'conversation_id', 'conversations', 'c'),
        ('api_calls_log', 'conversation_id', 'conversations', 'n')
     ) AS e(tbl, col, ref, act)
WHERE NOT EXISTS (
    SELECT 1 FROM pg_constraint c
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    WHERE c.conrelid = to_regclass('threads.' || e.tbl) AND c.contype = 'f'
      AND cardinality(c.conkey) = 1 AND a.attname = e.col
      AND c.confrelid = to_regclass('threads.' || e.ref)
      AND c.confdeltype = e.act::"char");

-- check: CHECK constraints (enum-like values, timestamps, numeric ranges) exist
SELECT 'missing CHECK constraint ' || e.con || ' on threads.' || e.tbl AS problem
FROM (VALUES
        ('conversations', 'valid_conversation_type'),
        ('conversations', 'valid_visibility'),
        ('conversations', 'valid_source_type'),
        ('conversations', 'valid_participants'),
        ('conversations', 'valid_conversation_timestamps'),
        ('conversations', 'valid_conversation_counts'),
        ('utterances', 'valid_timestamps'),
        ('utterances', 'valid_confidence_score'),
        ('utterances', 'valid_energy_level'),
        ('utterances', 'valid_duration'),
        ('nodes', 'valid_dialogue_type'),
        ('nodes', 'valid_timestamps'),
        ('nodes', 'valid_confidence_score'),
        ('nodes', 'valid_duration'),
        ('nodes', 'no_self_links'),
        ('relationships', 'no_self_reference'),
        ('relationships', 'valid_strength'),
        ('relationships', 'valid_confidence'),
        ('relationships', 'valid_relationship_type'),
        ('clusters', 'valid_clustering_confidence'),
        ('clusters', 'no_self_parent'),
        ('edits_log', 'valid_target_type'),
        ('edits_log', 'valid_edit_type'),
        ('edits_log', 'valid_user_confidence'),
        ('api_calls_log', 'valid_tokens'),
        ('api_calls_log', 'valid_costs'),
        ('api_calls_log', 'valid_latency'),
        ('api_calls_log', 'valid_status'),
        ('api_calls_log', 'valid_call_timestamps')
     ) AS e(tbl, con)
WHERE NOT EXISTS (SELECT 1 FROM pg_constraint c
                  WHERE c.conrelid = to_regclass('threads.' || e.tbl) AND c.contype = 'c' AND c.conname = e.con);

-- check: enum-like CHECKs carry the exact value lists
SELECT 'CHECK ' || e.con || ' on threads.' || e.tbl || ' should allow exactly ' || e.vals::text AS problem
FROM (VALUES
        ('conversations', 'valid_conversation_type', '{live_audio,transcript,chat,hybrid}'),
        ('conversations', 'valid_visibility', '{private,shared,public}'),
        ('conversations', 'valid_source_type', '{google_meet,zoom,slack,discord,live_audio,audio_stream,manual}'),
        ('nodes', 'valid_dialogue_type', '{monologue,dialogue,multi-party,consensus}'),
        ('relationships', 'valid_relationship_type', '{temporal,contextual,causal,contradiction,elaboration}'),
        ('edits_log', 'valid_target_type', '{node,relationship,cluster,speaker_attribution,claim,utterance}'),
        ('edits_log', 'valid_edit_type', '{correction,addition,deletion,merge,split}'),
        ('api_calls_log', 'valid_status', '{success,error,timeout}')
     ) AS e(tbl, con, vals)
WHERE NOT EXISTS (
    SELECT 1 FROM pg_constraint c
    WHERE c.conrelid = to_regclass('threads.' || e.tbl) AND c.contype = 'c' AND c.conname = e.con
      AND ARRAY(SELECT m[1] FROM regexp_matches(pg_get_constraintdef(c.oid), '''([^'']*)''', 'g') AS m)
          = e.vals::text[]);

-- check: foreign-key, composite, partial, JSONB-expression and GIN array indexes exist
SELECT 'missing or wrong index threads.' || e.idx || ' (expected like ' || e.def || ')' AS problem
FROM (VALUES
        ('idx_conversations_owner', '%(owner_id)'),
        ('idx_conversations_started', '%(started_at)'),
        ('idx_utterances_conversation', '%(conversation_id, sequence_number)'),
        ('idx_utterances_speaker', '%(conversation_id, speaker_id)'),
        ('idx_utterances_chunk', '%(chunk_id)'),
        ('idx_utterances_node', '%(node_id)'),
        ('idx_utterances_thread', '%(thread_id)'),
        ('idx_utterances_timestamp', '%(conversation_id, timestamp_start)'),
        ('idx_nodes_conversation', '%(conversation_id)'),
        ('idx_nodes_temporal', '%(conversation_id, timestamp_start)'),
        ('idx_nodes_level', '%(conversation_id, level)'),
        ('idx_nodes_speaker', '%(conversation_id, ((speaker_info ->> ''primary_speaker''::text)))'),
        ('idx_nodes_bookmarks', '%(conversation_id) WHERE (is_bookmark = true)'),
        ('idx_nodes_tangents', '%(conversation_id) WHERE (is_tangent = true)'),
        ('idx_nodes_parent', '%(parent_id)'),
        ('idx_nodes_predecessor', '%(predecessor_id)'),
        ('idx_nodes_successor', '%(successor_id)'),
        ('idx_nodes_utterance_ids', '%USING gin (utterance_ids)'),
        ('idx_relationships_from', '%(from_node_id)'),
        ('idx_relationships_to', '%(to_node_id)'),
        ('idx_relationships_type', '%(conversation_id, relationship_type)'),
        ('idx_relationships_supporting_utterances', '%USING gin (supporting_utterance_ids)'),
        ('idx_clusters_conversation', '%(conversation_id)'),
        ('idx_clusters_level', '%(conversation_id, level)'),
        ('idx_clusters_parent', '%(parent_cluster_id)'),
        ('idx_edits_conversation', '%(conversation_id)'),
        ('idx_edits_target', '%(target_type, target_id)'),
        ('idx_edits_training', '%(exported_for_training) WHERE (exported_for_training = false)'),
        ('idx_api_calls_conversation', '%(conversation_id)'),
        ('idx_api_calls_feature', '%(feature)'),
        ('idx_api_calls_provider_model', '%(provider, model)'),
        ('idx_api_calls_started', '%(started_at)'),
        ('idx_api_calls_cost', '%(total_cost)')
     ) AS e(idx, def)
WHERE NOT EXISTS (SELECT 1 FROM pg_indexes i
                  WHERE i.schemaname = 'threads' AND i.indexname = e.idx AND i.indexdef LIKE e.def);

-- check: every threads table and column has a comment
SELECT 'missing comment on threads.' || c.relname || coalesce('.' || a.attname, '') AS problem
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'threads'
LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relkind = 'r'
  AND c.relname IN ('conversations', 'utterances', 'nodes', 'relationships', 'clusters', 'edits_log', 'api_calls_log')
  AND a.attname IS NOT NULL AND col_description(c.oid, a.attnum) IS NULL
UNION ALL
SELECT 'missing comment on table threads.' || t
FROM unnest(ARRAY['conversations', 'utterances', 'nodes', 'relationships',
                  'clusters', 'edits_log', 'api_calls_log']) AS t
WHERE obj_description(to_regclass('threads.' || t), 'pg_class') IS NULL;
