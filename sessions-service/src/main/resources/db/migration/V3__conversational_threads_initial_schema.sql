-- =====================================================================================
-- sessions-service  V3__conversational_threads_initial_schema.sql
-- Seed 002: "Database Migrations - Live Conversational Threads V2", initial schema
-- (Alembic revision 732e0cd9a870).
--
-- Source followed for the columns: the seed only lists features per table, so the columns,
-- types, defaults, constraint and index names follow the public upstream migration
--   github.com/anantham/live_conversational_threads
--   lct_python_backend/alembic/versions/732e0cd9a870_initial_schema_with_v2_data_model.py
-- (and its models.py / docs/DATA_MODEL_V2.md for value lists), mapped to SQL:
-- sa.Text -> TEXT, sa.Float -> DOUBLE PRECISION, DateTime(timezone=True) -> TIMESTAMPTZ.
--
-- What it does (schema threads):
--   * schema threads; extension uuid-ossp WITH SCHEMA threads; every PK is
--     UUID DEFAULT threads.uuid_generate_v4();
--   * conversations  - container: speaker/participant tracking (participant_count,
--                      participants), goals + goal_progress, source_type + source_metadata,
--                      privacy (owner_id, visibility, shared_with), cached analytics, soft
--                      delete, tsv_search TSVECTOR (GIN index idx_conversations_tsv) kept up to
--                      date by trigger trg_conversations_tsv_search (function
--                      threads.conversations_tsv_search_update()) from conversation_name
--                      (weight A) and the goals' descriptions (weight B);
--   * utterances     - speaker attribution, temporal sequencing (sequence_number,
--                      timestamp_start/end), platform_metadata JSONB, confidence_score;
--   * nodes          - hierarchy (parent_id, children_ids, level), zoom_level_visible,
--                      speaker_info JSONB (expression index idx_nodes_speaker) and
--                      speaker_transitions, canvas_x/canvas_y/width/height (Obsidian export),
--                      predecessor_id/successor_id, cluster_info JSONB, partial indexes
--                      idx_nodes_bookmarks / idx_nodes_tangents;
--   * relationships  - typed edges between nodes, strength/confidence 0..1,
--                      supporting_utterance_ids UUID[] (GIN index);
--   * clusters       - multi-level grouping, auto_generated, clustering_algorithm/confidence;
--   * edits_log      - user corrections as training data, exported_for_training flag (partial
--                      index idx_edits_training), user_confidence;
--   * api_calls_log  - LLM calls: prompt/completion/total tokens, prompt/completion/total cost
--                      (USD), latency_ms, status + error_message;
--   * updated_at trigger function threads.set_updated_at() with triggers
--     trg_conversations_set_updated_at, trg_nodes_set_updated_at, trg_clusters_set_updated_at.
--   * Foreign keys: every conversation_id -> conversations ON DELETE CASCADE, except
--     api_calls_log.conversation_id ON DELETE SET NULL (cost history survives); relationships
--     from/to_node_id -> nodes ON DELETE CASCADE; nodes.parent_id, predecessor_id,
--     successor_id and clusters.parent_cluster_id -> same table ON DELETE SET NULL.
--
-- Deviations from the seed / from the upstream revision (each with why):
--   * Schema threads instead of public (seeds 001/002/004 share this database; 002 and 004 both
--     have conversations); uuid-ossp is installed WITH SCHEMA threads and the defaults call
--     threads.uuid_generate_v4() (our runner's search_path is not the service schema).
--   * conversations.participants is JSONB (a JSON array of participant objects) instead of the
--     upstream JSONB[]: the seed lists it among the JSONB columns. goals and
--     nodes.speaker_transitions stay JSONB[] as upstream (the seed does not name them).
--   * Added what the seed lists but the upstream revision lacks:
--       - the tsv_search trigger (upstream creates the column and GIN index but nothing fills
--         it, so full-text search would find nothing);
--       - CHECKs for enum-like values: valid_source_type (google_meet, zoom, slack, discord,
--         live_audio, audio_stream, manual - 'discord' and 'audio_stream' are the upstream data
--         model's own values), valid_relationship_type (temporal, contextual, causal,
--         contradiction, elaboration), valid_status on api_calls_log (success, error, timeout -
--         upstream models.py comment); participants must be a JSON array;
--       - timestamp validation: conversations ended_at >= started_at, nodes timestamp_end >=
--         timestamp_start, api_calls_log completed_at >= started_at;
--       - numeric ranges: confidence_score / energy_level / clustering_confidence /
--         user_confidence BETWEEN 0 AND 1 (relationships' strength and confidence checks are
--         upstream), tokens >= 0, costs (USD) >= 0, latency_ms >= 0, counters and durations >= 0;
--       - no self links: nodes.parent_id/predecessor_id/successor_id <> id,
--         clusters.parent_cluster_id <> id;
--       - ON DELETE SET NULL on the self references nodes.parent_id/predecessor_id/successor_id
--         and clusters.parent_cluster_id (upstream: NO ACTION, which blocks deleting a node that
--         others point at);
--       - foreign-key indexes upstream lacks: idx_nodes_parent, idx_nodes_predecessor,
--         idx_nodes_successor, idx_clusters_parent; GIN array indexes idx_nodes_utterance_ids
--         and idx_relationships_supporting_utterances (the seed lists "GIN indexes for arrays");
--       - updated_at triggers (upstream uses SQLAlchemy onupdate, which a non-ORM client such as
--         our Java services would not fire).
--   * Cost columns keep the upstream names prompt_cost / completion_cost / total_cost (all USD,
--     per the seed's "Cost in USD"); there is no column literally named cost_usd.
--   * owner_id / edits_log.user_id stay TEXT without a foreign key, as upstream (they hold the
--     owning user's id as text; no cross-database FK is declared, so no local reference table).
-- =====================================================================================

CREATE SCHEMA threads;

COMMENT ON SCHEMA threads IS 'sessions-service: Live Conversational Threads V2 data model (seed 002).';

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
             WHERE e.extname = 'uuid-ossp' AND n.nspname <> 'threads') THEN
    RAISE EXCEPTION 'Cannot apply V3: extension uuid-ossp is already installed in another schema, but V3 installs it in schema threads'
      USING HINT = 'Move it first (ALTER EXTENSION "uuid-ossp" SET SCHEMA threads) or drop it if unused.';
  END IF;
END $$;

CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA threads;

-- -------------------------------------------------------------------------------------
-- conversations
-- -------------------------------------------------------------------------------------
CREATE TABLE threads.conversations (
    id                 UUID              PRIMARY KEY DEFAULT threads.uuid_generate_v4(),
    conversation_name  TEXT              NOT NULL,
    conversation_type  TEXT              NOT NULL,
    source_type        TEXT              NOT NULL,
    source_metadata    JSONB,
    participant_count  INTEGER           DEFAULT 0,
    participants       JSONB,
    started_at         TIMESTAMPTZ       NOT NULL,
    ended_at           TIMESTAMPTZ,
    duration_seconds   INTEGER,
    goals              JSONB[],
    goal_progress      JSONB,
    gcs_path           TEXT,
    created_at         TIMESTAMPTZ       DEFAULT now(),
    updated_at         TIMESTAMPTZ       DEFAULT now(),
    deleted_at         TIMESTAMPTZ,
    owner_id           TEXT              NOT NULL,
    visibility         TEXT              DEFAULT 'private',
    shared_with        TEXT[],
    total_utterances   INTEGER           DEFAULT 0,
    total_words        INTEGER           DEFAULT 0,
    total_nodes        INTEGER           DEFAULT 0,
    total_claims       INTEGER           DEFAULT 0,
    tsv_search         TSVECTOR,
    CONSTRAINT valid_conversation_type
        CHECK (conversation_type IN ('live_audio', 'transcript', 'chat', 'hybrid')),
    CONSTRAINT valid_visibility
        CHECK (visibility IN ('private', 'shared', 'public')),
    CONSTRAINT valid_source_type
        CHECK (source_type IN ('google_meet', 'zoom', 'slack', 'discord', 'live_audio', 'audio_stream', 'manual')),
    CONSTRAINT valid_participants
        CHECK (participants IS NULL OR jsonb_typeof(participants) = 'array'),
    CONSTRAINT valid_conversation_timestamps
        CHECK (ended_at IS NULL OR ended_at >= started_at),
    CONSTRAINT valid_conversation_counts
        CHECK (participant_count >= 0 AND duration_seconds >= 0 AND total_utterances >= 0
               AND total_words >= 0 AND total_nodes >= 0 AND total_claims >= 0)
);

CREATE INDEX idx_conversations_owner ON threads.conversations (owner_id);
CREATE INDEX idx_conversations_started ON threads.conversations (started_at);
CREATE INDEX idx_conversations_tsv ON threads.conversations USING gin (tsv_search);

COMMENT ON TABLE threads.conversations IS
    'Top-level conversation container with metadata: participants, goals and progress, source, privacy, cached analytics and full-text search.';
COMMENT ON COLUMN threads.conversations.id IS 'Primary key (uuid_generate_v4).';
COMMENT ON COLUMN threads.conversations.conversation_name IS 'Title of the conversation (full-text searchable, weight A).';
COMMENT ON COLUMN threads.conversations.conversation_type IS 'live_audio, transcript, chat or hybrid.';
COMMENT ON COLUMN threads.conversations.source_type IS 'Where it came from: google_meet, zoom, slack, discord, live_audio, audio_stream or manual.';
COMMENT ON COLUMN threads.conversations.source_metadata IS 'Platform-specific source data (meeting_id, channel_id, ...).';
COMMENT ON COLUMN threads.conversations.participant_count IS 'Number of speakers/participants.';
COMMENT ON COLUMN threads.conversations.participants IS 'JSON array of participant objects {id, name, role, email?, avatar_url?, platform_id?}.';
COMMENT ON COLUMN threads.conversations.started_at IS 'When the conversation started.';
COMMENT ON COLUMN threads.conversations.ended_at IS 'When the conversation ended (>= started_at).';
COMMENT ON COLUMN threads.conversations.duration_seconds IS 'Duration in seconds.';
COMMENT ON COLUMN threads.conversations.goals IS 'Goals: array of {goal_type, description, target_metric, target_value, weight}; descriptions are full-text searchable (weight B).';
COMMENT ON COLUMN threads.conversations.goal_progress IS 'Current progress towards the goals.';
COMMENT ON COLUMN threads.conversations.gcs_path IS 'Path of the full conversation JSON in cloud storage.';
COMMENT ON COLUMN threads.conversations.created_at IS 'Row creation time.';
COMMENT ON COLUMN threads.conversations.updated_at IS 'Last update time (maintained by trigger).';
COMMENT ON COLUMN threads.conversations.deleted_at IS 'Soft-delete time (NULL while live).';
COMMENT ON COLUMN threads.conversations.owner_id IS 'Id of the owning user (text, no foreign key).';
COMMENT ON COLUMN threads.conversations.visibility IS 'private, shared or public.';
COMMENT ON COLUMN threads.conversations.shared_with IS 'User ids the conversation is shared with.';
COMMENT ON COLUMN threads.conversations.total_utterances IS 'Cached count of utterances.';
COMMENT ON COLUMN threads.conversations.total_words IS 'Cached count of words.';
COMMENT ON COLUMN threads.conversations.total_nodes IS 'Cached count of nodes.';
COMMENT ON COLUMN threads.conversations.total_claims IS 'Cached count of claims.';
COMMENT ON COLUMN threads.conversations.tsv_search IS 'Full-text search vector, maintained by trigger trg_conversations_tsv_search (GIN index idx_conversations_tsv).';

-- -------------------------------------------------------------------------------------
-- utterances
-- -------------------------------------------------------------------------------------
CREATE TABLE threads.utterances (
    id                 UUID              PRIMARY KEY DEFAULT threads.uuid_generate_v4(),
    conversation_id    UUID              NOT NULL
                       REFERENCES threads.conversations (id) ON DELETE CASCADE,
    text               TEXT              NOT NULL,
    text_cleaned       TEXT,
    speaker_id         TEXT              NOT NULL,
    speaker_name       TEXT,
    speaker_role       TEXT,
    sequence_number    INTEGER           NOT NULL,
    timestamp_start    DOUBLE PRECISION,
    timestamp_end      DOUBLE PRECISION,
    duration_seconds   DOUBLE PRECISION,
    chunk_id           UUID,
    node_id            UUID,
    thread_id          UUID,
    confidence_score   DOUBLE PRECISION,
    language           TEXT              DEFAULT 'en',
    emotion            TEXT,
    energy_level       DOUBLE PRECISION,
    platform_metadata  JSONB,
    created_at         TIMESTAMPTZ       DEFAULT now(),
    CONSTRAINT valid_timestamps
        CHECK ((timestamp_start IS NULL AND timestamp_end IS NULL)
               OR (timestamp_end IS NULL)
               OR (timestamp_end >= timestamp_start)),
    CONSTRAINT valid_confidence_score CHECK (confidence_score BETWEEN 0 AND 1),
    CONSTRAINT valid_energy_level CHECK (energy_level BETWEEN 0 AND 1),
    CONSTRAINT valid_duration CHECK (duration_seconds >= 0)
);

CREATE INDEX idx_utterances_conversation ON threads.utterances (conversation_id, sequence_number);
CREATE INDEX idx_utterances_speaker ON threads.utterances (conversation_id, speaker_id);
CREATE INDEX idx_utterances_chunk ON threads.utterances (chunk_id);
CREATE INDEX idx_utterances_node ON threads.utterances (node_id);
CREATE INDEX idx_utterances_thread ON threads.utterances (thread_id);
CREATE INDEX idx_utterances_timestamp ON threads.utterances (conversation_id, timestamp_start);

COMMENT ON TABLE threads.utterances IS
    'Atomic units of speech/text with speaker attribution, temporal sequencing, platform metadata and confidence.';
COMMENT ON COLUMN threads.utterances.id IS 'Primary key (uuid_generate_v4).';
COMMENT ON COLUMN threads.utterances.conversation_id IS 'Conversation (deleted with it).';
COMMENT ON COLUMN threads.utterances.text IS 'Raw utterance text.';
COMMENT ON COLUMN threads.utterances.text_cleaned IS 'Normalized text (disfluencies removed).';
COMMENT ON COLUMN threads.utterances.speaker_id IS 'Speaker key (e.g. Speaker 1 or a user id).';
COMMENT ON COLUMN threads.utterances.speaker_name IS 'Human-readable speaker name.';
COMMENT ON COLUMN threads.utterances.speaker_role IS 'facilitator, participant, observer, ...';
COMMENT ON COLUMN threads.utterances.sequence_number IS 'Order within the conversation.';
COMMENT ON COLUMN threads.utterances.timestamp_start IS 'Start, seconds from conversation start.';
COMMENT ON COLUMN threads.utterances.timestamp_end IS 'End, seconds from conversation start (>= timestamp_start).';
COMMENT ON COLUMN threads.utterances.duration_seconds IS 'Duration in seconds.';
COMMENT ON COLUMN threads.utterances.chunk_id IS 'Processing chunk this utterance belongs to.';
COMMENT ON COLUMN threads.utterances.node_id IS 'Analyzed node this utterance contributes to.';
COMMENT ON COLUMN threads.utterances.thread_id IS 'Parallel thread, if any.';
COMMENT ON COLUMN threads.utterances.confidence_score IS 'Transcription confidence, 0..1.';
COMMENT ON COLUMN threads.utterances.language IS 'Language code (default en).';
COMMENT ON COLUMN threads.utterances.emotion IS 'Detected emotion (optional).';
COMMENT ON COLUMN threads.utterances.energy_level IS 'Speaking energy/intensity, 0..1 (optional).';
COMMENT ON COLUMN threads.utterances.platform_metadata IS 'Platform-specific data (message_id, reactions, ...).';
COMMENT ON COLUMN threads.utterances.created_at IS 'Row creation time.';

-- -------------------------------------------------------------------------------------
-- nodes
-- -------------------------------------------------------------------------------------
CREATE TABLE threads.nodes (
    id                      UUID              PRIMARY KEY DEFAULT threads.uuid_generate_v4(),
    conversation_id         UUID              NOT NULL
                            REFERENCES threads.conversations (id) ON DELETE CASCADE,
    node_name               TEXT              NOT NULL,
    summary                 TEXT              NOT NULL,
    key_points              TEXT[],
    node_type               TEXT              DEFAULT 'conversational_thread',
    level                   INTEGER           DEFAULT 1,
    parent_id               UUID              REFERENCES threads.nodes (id) ON DELETE SET NULL,
    children_ids            UUID[],
    is_bookmark             BOOLEAN           DEFAULT false,
    is_contextual_progress  BOOLEAN           DEFAULT false,
    is_tangent              BOOLEAN           DEFAULT false,
    is_crux                 BOOLEAN           DEFAULT false,
    predecessor_id          UUID              REFERENCES threads.nodes (id) ON DELETE SET NULL,
    successor_id            UUID              REFERENCES threads.nodes (id) ON DELETE SET NULL,
    chunk_ids               UUID[]            NOT NULL,
    utterance_ids           UUID[],
    speaker_info            JSONB,
    speaker_transitions     JSONB[],
    dialogue_type           TEXT,
    claim_ids               UUID[],
    timestamp_start         DOUBLE PRECISION,
    timestamp_end           DOUBLE PRECISION,
    duration_seconds        DOUBLE PRECISION,
    cluster_info            JSONB,
    display_preferences     JSONB,
    canvas_x                INTEGER,
    canvas_y                INTEGER,
    canvas_width            INTEGER           DEFAULT 350,
    canvas_height           INTEGER           DEFAULT 200,
    zoom_level_visible      INTEGER[],
    confidence_score        DOUBLE PRECISION,
    created_at              TIMESTAMPTZ       DEFAULT now(),
    updated_at              TIMESTAMPTZ       DEFAULT now(),
    CONSTRAINT valid_dialogue_type
        CHECK (dialogue_type IS NULL OR dialogue_type IN ('monologue', 'dialogue', 'multi-party', 'consensus')),
    CONSTRAINT valid_timestamps
        CHECK (timestamp_start IS NULL OR timestamp_end IS NULL OR timestamp_end >= timestamp_start),
    CONSTRAINT valid_confidence_score CHECK (confidence_score BETWEEN 0 AND 1),
    CONSTRAINT valid_duration CHECK (duration_seconds >= 0),
    CONSTRAINT no_self_links
        CHECK (parent_id <> id AND predecessor_id <> id AND successor_id <> id)
);

CREATE INDEX idx_nodes_conversation ON threads.nodes (conversation_id);
CREATE INDEX idx_nodes_temporal ON threads.nodes (conversation_id, timestamp_start);
CREATE INDEX idx_nodes_level ON threads.nodes (conversation_id, level);
CREATE INDEX idx_nodes_speaker ON threads.nodes (conversation_id, ((speaker_info ->> 'primary_speaker')));
CREATE INDEX idx_nodes_bookmarks ON threads.nodes (conversation_id) WHERE is_bookmark = true;
CREATE INDEX idx_nodes_tangents ON threads.nodes (conversation_id) WHERE is_tangent = true;
CREATE INDEX idx_nodes_parent ON threads.nodes (parent_id);
CREATE INDEX idx_nodes_predecessor ON threads.nodes (predecessor_id);
CREATE INDEX idx_nodes_successor ON threads.nodes (successor_id);
CREATE INDEX idx_nodes_utterance_ids ON threads.nodes USING gin (utterance_ids);

COMMENT ON TABLE threads.nodes IS
    'Analyzed conversational topics/segments: hierarchy (parent/children), zoom-level visibility, speaker info and transitions, canvas position for Obsidian export, temporal flow (predecessor/successor).';
COMMENT ON COLUMN threads.nodes.id IS 'Primary key (uuid_generate_v4).';
COMMENT ON COLUMN threads.nodes.conversation_id IS 'Conversation (deleted with it).';
COMMENT ON COLUMN threads.nodes.node_name IS 'Human-readable topic name.';
COMMENT ON COLUMN threads.nodes.summary IS 'Summary of the segment.';
COMMENT ON COLUMN threads.nodes.key_points IS 'Key points.';
COMMENT ON COLUMN threads.nodes.node_type IS 'Node kind (default conversational_thread).';
COMMENT ON COLUMN threads.nodes.level IS 'Hierarchy level used for zooming.';
COMMENT ON COLUMN threads.nodes.parent_id IS 'Parent node (set to NULL when the parent is deleted).';
COMMENT ON COLUMN threads.nodes.children_ids IS 'Child node ids.';
COMMENT ON COLUMN threads.nodes.is_bookmark IS 'Bookmarked by the user (partial index idx_nodes_bookmarks).';
COMMENT ON COLUMN threads.nodes.is_contextual_progress IS 'Marks contextual progress.';
COMMENT ON COLUMN threads.nodes.is_tangent IS 'Unresolved divergence (partial index idx_nodes_tangents).';
COMMENT ON COLUMN threads.nodes.is_crux IS 'Key disagreement point.';
COMMENT ON COLUMN threads.nodes.predecessor_id IS 'Previous node in temporal flow (set to NULL when it is deleted).';
COMMENT ON COLUMN threads.nodes.successor_id IS 'Next node in temporal flow (set to NULL when it is deleted).';
COMMENT ON COLUMN threads.nodes.chunk_ids IS 'Chunks that contributed to this node.';
COMMENT ON COLUMN threads.nodes.utterance_ids IS 'Direct utterance references (GIN index idx_nodes_utterance_ids).';
COMMENT ON COLUMN threads.nodes.speaker_info IS 'Primary speaker and contribution percentages (expression index on primary_speaker).';
COMMENT ON COLUMN threads.nodes.speaker_transitions IS 'Speaker handoffs within the node.';
COMMENT ON COLUMN threads.nodes.dialogue_type IS 'monologue, dialogue, multi-party or consensus.';
COMMENT ON COLUMN threads.nodes.claim_ids IS 'Claims found in this node.';
COMMENT ON COLUMN threads.nodes.timestamp_start IS 'Start, seconds from conversation start.';
COMMENT ON COLUMN threads.nodes.timestamp_end IS 'End, seconds from conversation start (>= timestamp_start).';
COMMENT ON COLUMN threads.nodes.duration_seconds IS 'Duration in seconds.';
COMMENT ON COLUMN threads.nodes.cluster_info IS 'Auto-clustering metadata.';
COMMENT ON COLUMN threads.nodes.display_preferences IS 'Visualization settings.';
COMMENT ON COLUMN threads.nodes.canvas_x IS 'Canvas x position (Obsidian export).';
COMMENT ON COLUMN threads.nodes.canvas_y IS 'Canvas y position (Obsidian export).';
COMMENT ON COLUMN threads.nodes.canvas_width IS 'Canvas width (default 350).';
COMMENT ON COLUMN threads.nodes.canvas_height IS 'Canvas height (default 200).';
COMMENT ON COLUMN threads.nodes.zoom_level_visible IS 'Zoom levels at which the node is visible.';
COMMENT ON COLUMN threads.nodes.confidence_score IS 'LLM confidence in this segmentation, 0..1.';
COMMENT ON COLUMN threads.nodes.created_at IS 'Row creation time.';
COMMENT ON COLUMN threads.nodes.updated_at IS 'Last update time (maintained by trigger).';

-- -------------------------------------------------------------------------------------
-- relationships
-- -------------------------------------------------------------------------------------
CREATE TABLE threads.relationships (
    id                        UUID              PRIMARY KEY DEFAULT threads.uuid_generate_v4(),
    conversation_id           UUID              NOT NULL
                              REFERENCES threads.conversations (id) ON DELETE CASCADE,
    from_node_id              UUID              NOT NULL
                              REFERENCES threads.nodes (id) ON DELETE CASCADE,
    to_node_id                UUID              NOT NULL
                              REFERENCES threads.nodes (id) ON DELETE CASCADE,
    relationship_type         TEXT              NOT NULL,
    relationship_subtype      TEXT,
    explanation               TEXT,
    strength                  DOUBLE PRECISION  DEFAULT 1.0,
    confidence                DOUBLE PRECISION  DEFAULT 1.0,
    supporting_utterance_ids  UUID[],
    is_bidirectional          BOOLEAN           DEFAULT false,
    created_at                TIMESTAMPTZ       DEFAULT now(),
    CONSTRAINT no_self_reference CHECK (from_node_id <> to_node_id),
    CONSTRAINT valid_strength CHECK (strength BETWEEN 0 AND 1),
    CONSTRAINT valid_confidence CHECK (confidence BETWEEN 0 AND 1),
    CONSTRAINT valid_relationship_type
        CHECK (relationship_type IN ('temporal', 'contextual', 'causal', 'contradiction', 'elaboration'))
);

CREATE INDEX idx_relationships_from ON threads.relationships (from_node_id);
CREATE INDEX idx_relationships_to ON threads.relationships (to_node_id);
CREATE INDEX idx_relationships_type ON threads.relationships (conversation_id, relationship_type);
CREATE INDEX idx_relationships_supporting_utterances ON threads.relationships USING gin (supporting_utterance_ids);

COMMENT ON TABLE threads.relationships IS
    'Edges between nodes: typed (temporal, contextual, causal, contradiction, elaboration), with strength, confidence and supporting utterances.';
COMMENT ON COLUMN threads.relationships.id IS 'Primary key (uuid_generate_v4).';
COMMENT ON COLUMN threads.relationships.conversation_id IS 'Conversation (deleted with it).';
COMMENT ON COLUMN threads.relationships.from_node_id IS 'Source node (edge deleted with it).';
COMMENT ON COLUMN threads.relationships.to_node_id IS 'Target node (edge deleted with it; must differ from from_node_id).';
COMMENT ON COLUMN threads.relationships.relationship_type IS 'temporal, contextual, causal, contradiction or elaboration.';
COMMENT ON COLUMN threads.relationships.relationship_subtype IS 'Finer-grained subtype (free text).';
COMMENT ON COLUMN threads.relationships.explanation IS 'Human-readable explanation.';
COMMENT ON COLUMN threads.relationships.strength IS 'Strength of the connection, 0..1.';
COMMENT ON COLUMN threads.relationships.confidence IS 'LLM confidence, 0..1.';
COMMENT ON COLUMN threads.relationships.supporting_utterance_ids IS 'Supporting evidence: utterance ids (GIN index).';
COMMENT ON COLUMN threads.relationships.is_bidirectional IS 'Edge applies in both directions.';
COMMENT ON COLUMN threads.relationships.created_at IS 'Row creation time.';

-- -------------------------------------------------------------------------------------
-- clusters
-- -------------------------------------------------------------------------------------
CREATE TABLE threads.clusters (
    id                     UUID              PRIMARY KEY DEFAULT threads.uuid_generate_v4(),
    conversation_id        UUID              NOT NULL
                           REFERENCES threads.conversations (id) ON DELETE CASCADE,
    cluster_name           TEXT              NOT NULL,
    level                  INTEGER           NOT NULL,
    parent_cluster_id      UUID              REFERENCES threads.clusters (id) ON DELETE SET NULL,
    node_ids               UUID[]            NOT NULL,
    child_cluster_ids      UUID[],
    summary                TEXT,
    key_themes             TEXT[],
    auto_generated         BOOLEAN           DEFAULT true,
    clustering_algorithm   TEXT,
    clustering_confidence  DOUBLE PRECISION,
    color                  TEXT,
    icon                   TEXT,
    created_at             TIMESTAMPTZ       DEFAULT now(),
    updated_at             TIMESTAMPTZ       DEFAULT now(),
    CONSTRAINT valid_clustering_confidence CHECK (clustering_confidence BETWEEN 0 AND 1),
    CONSTRAINT no_self_parent CHECK (parent_cluster_id <> id)
);

CREATE INDEX idx_clusters_conversation ON threads.clusters (conversation_id);
CREATE INDEX idx_clusters_level ON threads.clusters (conversation_id, level);
CREATE INDEX idx_clusters_parent ON threads.clusters (parent_cluster_id);

COMMENT ON TABLE threads.clusters IS
    'Hierarchical grouping of nodes (multi-level: topics, themes), with auto-generation and clustering-algorithm metadata.';
COMMENT ON COLUMN threads.clusters.id IS 'Primary key (uuid_generate_v4).';
COMMENT ON COLUMN threads.clusters.conversation_id IS 'Conversation (deleted with it).';
COMMENT ON COLUMN threads.clusters.cluster_name IS 'Cluster name.';
COMMENT ON COLUMN threads.clusters.level IS 'Clustering level (2 = topics, 3 = themes, ...).';
COMMENT ON COLUMN threads.clusters.parent_cluster_id IS 'Parent cluster (set to NULL when it is deleted).';
COMMENT ON COLUMN threads.clusters.node_ids IS 'Member node ids.';
COMMENT ON COLUMN threads.clusters.child_cluster_ids IS 'Child cluster ids.';
COMMENT ON COLUMN threads.clusters.summary IS 'Cluster summary.';
COMMENT ON COLUMN threads.clusters.key_themes IS 'Key themes.';
COMMENT ON COLUMN threads.clusters.auto_generated IS 'Generated automatically (true) or by a user.';
COMMENT ON COLUMN threads.clusters.clustering_algorithm IS 'Algorithm used: semantic, temporal, speaker, manual, ...';
COMMENT ON COLUMN threads.clusters.clustering_confidence IS 'Clustering confidence, 0..1.';
COMMENT ON COLUMN threads.clusters.color IS 'Display color.';
COMMENT ON COLUMN threads.clusters.icon IS 'Display icon.';
COMMENT ON COLUMN threads.clusters.created_at IS 'Row creation time.';
COMMENT ON COLUMN threads.clusters.updated_at IS 'Last update time (maintained by trigger).';

-- -------------------------------------------------------------------------------------
-- edits_log
-- -------------------------------------------------------------------------------------
CREATE TABLE threads.edits_log (
    id                     UUID              PRIMARY KEY DEFAULT threads.uuid_generate_v4(),
    conversation_id        UUID              NOT NULL
                           REFERENCES threads.conversations (id) ON DELETE CASCADE,
    target_type            TEXT              NOT NULL,
    target_id              UUID              NOT NULL,
    field_name             TEXT              NOT NULL,
    old_value              TEXT,
    new_value              TEXT,
    edit_type              TEXT              NOT NULL,
    user_comment           TEXT,
    user_id                TEXT              NOT NULL,
    user_confidence        DOUBLE PRECISION  DEFAULT 1.0,
    exported_for_training  BOOLEAN           DEFAULT false,
    training_dataset_id    TEXT,
    created_at             TIMESTAMPTZ       DEFAULT now(),
    CONSTRAINT valid_target_type
        CHECK (target_type IN ('node', 'relationship', 'cluster', 'speaker_attribution', 'claim', 'utterance')),
    CONSTRAINT valid_edit_type
        CHECK (edit_type IN ('correction', 'addition', 'deletion', 'merge', 'split')),
    CONSTRAINT valid_user_confidence CHECK (user_confidence BETWEEN 0 AND 1)
);

CREATE INDEX idx_edits_conversation ON threads.edits_log (conversation_id);
CREATE INDEX idx_edits_target ON threads.edits_log (target_type, target_id);
CREATE INDEX idx_edits_training ON threads.edits_log (exported_for_training) WHERE exported_for_training = false;

COMMENT ON TABLE threads.edits_log IS
    'Training data from user corrections: every manual edit, with an export flag for training datasets and user confidence.';
COMMENT ON COLUMN threads.edits_log.id IS 'Primary key (uuid_generate_v4).';
COMMENT ON COLUMN threads.edits_log.conversation_id IS 'Conversation (deleted with it).';
COMMENT ON COLUMN threads.edits_log.target_type IS 'node, relationship, cluster, speaker_attribution, claim or utterance.';
COMMENT ON COLUMN threads.edits_log.target_id IS 'Id of the edited object.';
COMMENT ON COLUMN threads.edits_log.field_name IS 'Edited field.';
COMMENT ON COLUMN threads.edits_log.old_value IS 'Value before the edit.';
COMMENT ON COLUMN threads.edits_log.new_value IS 'Value after the edit.';
COMMENT ON COLUMN threads.edits_log.edit_type IS 'correction, addition, deletion, merge or split.';
COMMENT ON COLUMN threads.edits_log.user_comment IS 'Optional comment by the user.';
COMMENT ON COLUMN threads.edits_log.user_id IS 'Id of the editing user (text, no foreign key).';
COMMENT ON COLUMN threads.edits_log.user_confidence IS 'User confidence in the edit, 0..1.';
COMMENT ON COLUMN threads.edits_log.exported_for_training IS 'Export flag: already exported to a training dataset (partial index on false).';
COMMENT ON COLUMN threads.edits_log.training_dataset_id IS 'Training dataset the edit was exported to.';
COMMENT ON COLUMN threads.edits_log.created_at IS 'When the edit was made.';

-- -------------------------------------------------------------------------------------
-- api_calls_log
-- -------------------------------------------------------------------------------------
CREATE TABLE threads.api_calls_log (
    id                 UUID              PRIMARY KEY DEFAULT threads.uuid_generate_v4(),
    conversation_id    UUID              REFERENCES threads.conversations (id) ON DELETE SET NULL,
    endpoint           TEXT              NOT NULL,
    feature            TEXT              NOT NULL,
    provider           TEXT              NOT NULL,
    model              TEXT              NOT NULL,
    prompt_tokens      INTEGER           NOT NULL,
    completion_tokens  INTEGER           NOT NULL,
    total_tokens       INTEGER           NOT NULL,
    prompt_cost        DOUBLE PRECISION  NOT NULL,
    completion_cost    DOUBLE PRECISION  NOT NULL,
    total_cost         DOUBLE PRECISION  NOT NULL,
    latency_ms         INTEGER,
    status             TEXT              NOT NULL,
    error_message      TEXT,
    started_at         TIMESTAMPTZ       NOT NULL,
    completed_at       TIMESTAMPTZ,
    request_id         TEXT,
    CONSTRAINT valid_tokens
        CHECK (prompt_tokens >= 0 AND completion_tokens >= 0 AND total_tokens >= 0),
    CONSTRAINT valid_costs
        CHECK (prompt_cost >= 0 AND completion_cost >= 0 AND total_cost >= 0),
    CONSTRAINT valid_latency CHECK (latency_ms >= 0),
    CONSTRAINT valid_status CHECK (status IN ('success', 'error', 'timeout')),
    CONSTRAINT valid_call_timestamps CHECK (completed_at IS NULL OR completed_at >= started_at)
);

CREATE INDEX idx_api_calls_conversation ON threads.api_calls_log (conversation_id);
CREATE INDEX idx_api_calls_feature ON threads.api_calls_log (feature);
CREATE INDEX idx_api_calls_provider_model ON threads.api_calls_log (provider, model);
CREATE INDEX idx_api_calls_started ON threads.api_calls_log (started_at);
CREATE INDEX idx_api_calls_cost ON threads.api_calls_log (total_cost);

COMMENT ON TABLE threads.api_calls_log IS
    'LLM API call tracking and cost monitoring: token usage (prompt + completion), cost in USD, latency, status and errors.';
COMMENT ON COLUMN threads.api_calls_log.id IS 'Primary key (uuid_generate_v4).';
COMMENT ON COLUMN threads.api_calls_log.conversation_id IS 'Conversation the call was made for (set to NULL when it is deleted, so cost history survives).';
COMMENT ON COLUMN threads.api_calls_log.endpoint IS 'API endpoint that triggered the call.';
COMMENT ON COLUMN threads.api_calls_log.feature IS 'Feature: node_generation, claim_detection, bias_detection, ...';
COMMENT ON COLUMN threads.api_calls_log.provider IS 'LLM provider: openai, anthropic, google, ...';
COMMENT ON COLUMN threads.api_calls_log.model IS 'Model name.';
COMMENT ON COLUMN threads.api_calls_log.prompt_tokens IS 'Prompt tokens (>= 0).';
COMMENT ON COLUMN threads.api_calls_log.completion_tokens IS 'Completion tokens (>= 0).';
COMMENT ON COLUMN threads.api_calls_log.total_tokens IS 'Total tokens (>= 0).';
COMMENT ON COLUMN threads.api_calls_log.prompt_cost IS 'Prompt cost in USD (>= 0).';
COMMENT ON COLUMN threads.api_calls_log.completion_cost IS 'Completion cost in USD (>= 0).';
COMMENT ON COLUMN threads.api_calls_log.total_cost IS 'Total cost in USD (>= 0).';
COMMENT ON COLUMN threads.api_calls_log.latency_ms IS 'Response time in milliseconds (>= 0).';
COMMENT ON COLUMN threads.api_calls_log.status IS 'success, error or timeout.';
COMMENT ON COLUMN threads.api_calls_log.error_message IS 'Error details when the call failed.';
COMMENT ON COLUMN threads.api_calls_log.started_at IS 'When the call started.';
COMMENT ON COLUMN threads.api_calls_log.completed_at IS 'When the call completed (>= started_at).';
COMMENT ON COLUMN threads.api_calls_log.request_id IS 'Provider request id, for debugging.';

-- -------------------------------------------------------------------------------------
-- Triggers: full-text search vector and updated_at
-- -------------------------------------------------------------------------------------
CREATE FUNCTION threads.conversations_tsv_search_update() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
  NEW.tsv_search :=
       pg_catalog.setweight(pg_catalog.to_tsvector('pg_catalog.english'::pg_catalog.regconfig,
                                                    coalesce(NEW.conversation_name, '')), 'A')
    || pg_catalog.setweight(pg_catalog.to_tsvector('pg_catalog.english'::pg_catalog.regconfig,
                                                    coalesce((SELECT pg_catalog.string_agg(g ->> 'description', ' ')
                                                              FROM pg_catalog.unnest(NEW.goals) AS g), '')), 'B');
  RETURN NEW;
END;
$$;

COMMENT ON FUNCTION threads.conversations_tsv_search_update() IS
    'Trigger function: recomputes conversations.tsv_search from conversation_name (weight A) and the goals'' descriptions (weight B).';

CREATE TRIGGER trg_conversations_tsv_search
    BEFORE INSERT OR UPDATE ON threads.conversations
    FOR EACH ROW EXECUTE FUNCTION threads.conversations_tsv_search_update();

CREATE FUNCTION threads.set_updated_at() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;

COMMENT ON FUNCTION threads.set_updated_at() IS 'Trigger function: sets NEW.updated_at to now() on UPDATE.';

CREATE TRIGGER trg_conversations_set_updated_at
    BEFORE UPDATE ON threads.conversations
    FOR EACH ROW EXECUTE FUNCTION threads.set_updated_at();

CREATE TRIGGER trg_nodes_set_updated_at
    BEFORE UPDATE ON threads.nodes
    FOR EACH ROW EXECUTE FUNCTION threads.set_updated_at();

CREATE TRIGGER trg_clusters_set_updated_at
    BEFORE UPDATE ON threads.clusters
    FOR EACH ROW EXECUTE FUNCTION threads.set_updated_at();
