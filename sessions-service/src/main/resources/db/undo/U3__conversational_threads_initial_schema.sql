-- =====================================================================================
-- sessions-service  U3__conversational_threads_initial_schema.sql
-- Undo of V3 (seed 002, Alembic 732e0cd9a870): drops the triggers, trigger functions, the seven
-- tables, the uuid-ossp extension V3 installed in schema threads, and schema threads.
-- Refuses (RAISE) when any of the seven tables holds rows, so no data is lost silently.
-- =====================================================================================

DO $$
DECLARE
  t text;
  n bigint;
BEGIN
  FOREACH t IN ARRAY ARRAY['conversations', 'utterances', 'nodes', 'relationships',
                           'clusters', 'edits_log', 'api_calls_log'] LOOP
    EXECUTE format('SELECT count(*) FROM threads.%I', t) INTO n;
    IF n > 0 THEN
      RAISE EXCEPTION 'Cannot undo V3: threads.% holds % rows that would be lost', t, n
        USING HINT = 'Restore from the backup taken before V3 instead, or export/delete those rows first.';
    END IF;
  END LOOP;
END $$;

DROP TRIGGER trg_clusters_set_updated_at ON threads.clusters;
DROP TRIGGER trg_nodes_set_updated_at ON threads.nodes;
DROP TRIGGER trg_conversations_set_updated_at ON threads.conversations;
DROP TRIGGER trg_conversations_tsv_search ON threads.conversations;
DROP FUNCTION threads.set_updated_at();
DROP FUNCTION threads.conversations_tsv_search_update();

DROP TABLE threads.api_calls_log;
DROP TABLE threads.edits_log;
DROP TABLE threads.clusters;
DROP TABLE threads.relationships;
DROP TABLE threads.nodes;
DROP TABLE threads.utterances;
DROP TABLE threads.conversations;

DROP EXTENSION "uuid-ossp";
DROP SCHEMA threads;
