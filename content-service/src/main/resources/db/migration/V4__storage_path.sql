-- The storage path: per-tenant zstd dictionaries, compressed bodies, per-day storage counters, row-level security.

-- Trained zstd dictionaries, one version after another per tenant. A stored row names the dictionary its values were
-- compressed with (email_content.dictionary_id), so a row written with version 1 stays readable after version 2.
CREATE TABLE compression_dictionaries (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id UUID NOT NULL,
  version INTEGER NOT NULL,
  dictionary BYTEA NOT NULL,
  sample_count INTEGER NOT NULL,
  -- The tenant's stored message count when it was trained: the trainer retrains after enough new mail.
  trained_on_messages BIGINT NOT NULL,
  created TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT uq_compression_dictionaries_version UNIQUE (tenant_id, version)
);

-- storage_format 1: raw_message is a bare zstd frame, text/html/headers are plain columns (rows before V4).
-- storage_format 2: raw_message and bodies (text, html and headers in one value) each start with a form byte
-- (0 stored as is, 1 zstd with the row's dictionary, if any); content_text, content_html and headers are NULL.
ALTER TABLE email_content ADD COLUMN storage_format SMALLINT NOT NULL DEFAULT 1;
ALTER TABLE email_content ADD COLUMN dictionary_id BIGINT REFERENCES compression_dictionaries (id);
ALTER TABLE email_content ADD COLUMN bodies BYTEA;
ALTER TABLE email_content ADD COLUMN body_size_bytes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE email_content ADD COLUMN body_stored_bytes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE email_content ALTER COLUMN headers DROP NOT NULL;
ALTER TABLE email_content ALTER COLUMN compression_algorithm TYPE VARCHAR(40);
-- The values are compressed already: TOAST would only spend CPU trying again.
ALTER TABLE email_content ALTER COLUMN raw_message SET STORAGE EXTERNAL;
ALTER TABLE email_content ALTER COLUMN bodies SET STORAGE EXTERNAL;
-- The text is no longer a column the vector could be generated from: the writer computes it from the text it has.
ALTER TABLE email_content ALTER COLUMN search_tsv DROP EXPRESSION;

-- What each tenant stores per UTC day of writing, kept by the writers, the purge and the erase in the transaction of
-- their change, so that GET /v1/storage/stats reads a few hundred rows instead of scanning the tenant's mail.
CREATE TABLE storage_daily (
  tenant_id UUID NOT NULL,
  day DATE NOT NULL,
  messages BIGINT NOT NULL DEFAULT 0,
  raw_bytes BIGINT NOT NULL DEFAULT 0,
  stored_bytes BIGINT NOT NULL DEFAULT 0,
  body_bytes BIGINT NOT NULL DEFAULT 0,
  attachments BIGINT NOT NULL DEFAULT 0,
  attachment_bytes BIGINT NOT NULL DEFAULT 0,
  blobs BIGINT NOT NULL DEFAULT 0,
  blob_bytes BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, day)
);

INSERT INTO storage_daily (tenant_id, day, messages, raw_bytes, stored_bytes, body_bytes)
SELECT tenant_id, (created AT TIME ZONE 'UTC')::date, count(*), sum(raw_size_bytes), sum(compressed_size_bytes),
  sum(coalesce(pg_column_size(content_text), 0) + coalesce(pg_column_size(content_html), 0)
    + coalesce(pg_column_size(headers), 0))
FROM email_content GROUP BY 1, 2;
INSERT INTO storage_daily AS d (tenant_id, day, attachments, attachment_bytes)
SELECT tenant_id, (created AT TIME ZONE 'UTC')::date, count(*), sum(size_bytes) FROM attachments GROUP BY 1, 2
ON CONFLICT (tenant_id, day) DO UPDATE SET attachments = excluded.attachments,
  attachment_bytes = excluded.attachment_bytes;
INSERT INTO storage_daily AS d (tenant_id, day, blobs, blob_bytes)
SELECT tenant_id, (created AT TIME ZONE 'UTC')::date, count(*), sum(size_bytes) FROM attachment_blobs GROUP BY 1, 2
ON CONFLICT (tenant_id, day) DO UPDATE SET blobs = excluded.blobs, blob_bytes = excluded.blob_bytes;

-- Filters without an index of their own walked the tenant's newest-first index and discarded rows; at a million
-- messages a rare value (a bounce, a status) meant thousands of discarded rows.
CREATE INDEX idx_email_messages_tenant_type ON email_messages (tenant_id, message_type, created DESC);
CREATE INDEX idx_email_messages_tenant_status ON email_messages (tenant_id, status, created DESC);
CREATE INDEX idx_email_messages_tenant_lead ON email_messages (tenant_id, lead_id, created DESC);
-- since/until bound coalesce(received_at, created): an old window otherwise walked every newer row of the tenant.
CREATE INDEX idx_email_messages_tenant_received ON email_messages (tenant_id, (coalesce(received_at, created)));

-- Row-level security. The service logs in as the tables' owner (locally the superuser postgres, which bypasses RLS
-- whatever the table says), so every tenant transaction switches to this NOLOGIN role, which does not.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'penguin_content_app') THEN
    BEGIN
      CREATE ROLE penguin_content_app NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      -- Another database of the cluster (a test run, a replica's migration) created it at the same moment.
      NULL;
    END;
  END IF;
  IF NOT pg_has_role(current_user, 'penguin_content_app', 'MEMBER') THEN
    BEGIN
      EXECUTE format('GRANT penguin_content_app TO %I', current_user);
    EXCEPTION WHEN unique_violation THEN
      NULL;
    END;
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO penguin_content_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO penguin_content_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO penguin_content_app;
REVOKE ALL ON flyway_schema_history FROM penguin_content_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO penguin_content_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO penguin_content_app;

-- Every tenant table: a tenant's transaction (penguin.tenant_id set) sees and writes only its rows; a session that
-- set nothing sees nothing. FORCE makes the owner subject to the policies too, so the owner reaches other tenants'
-- rows only through system_work, which a transaction asks for explicitly (TenantScope.asSystem, with its reason).
-- NULLIF: a setting once set in a session reads '' after its transaction, and ''::uuid would fail.
DO $$
DECLARE
  t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['email_messages', 'email_content', 'attachments', 'attachment_blobs', 'processed_events',
      'outbox', 'compression_dictionaries', 'storage_daily'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING'
        || ' (tenant_id = NULLIF(current_setting(''penguin.tenant_id'', true), '''')::uuid)', t);
    EXECUTE format('CREATE POLICY system_work ON %I TO %I USING'
        || ' (current_setting(''penguin.system_work'', true) = ''on'')', t, current_user);
  END LOOP;
END
$$;
