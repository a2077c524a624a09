-- Identical content is stored once per tenant. A message's content hash (SHA-256 of the raw message for inbound mail,
-- of subject, text and html for outbound) determines everything email_content keeps of it, so rows written from now
-- on (storage_format 3) leave raw_message, bodies and dictionary_id NULL and read them from the tenant's
-- shared_contents row of their hash. Rows of formats 1 and 2 keep their values and are read as before.
CREATE TABLE shared_contents (
  tenant_id UUID NOT NULL,
  content_hash VARCHAR(64) NOT NULL,
  raw_message BYTEA,
  bodies BYTEA NOT NULL,
  dictionary_id BIGINT REFERENCES compression_dictionaries (id),
  -- Bytes of raw_message and bodies as stored, for the storage counters.
  stored_bytes INTEGER NOT NULL,
  -- The latest expiry of the messages that refer to it: the purge looks for unreferenced contents past it only.
  expires TIMESTAMPTZ NOT NULL,
  created TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, content_hash)
);
-- The values are compressed already (see V8).
ALTER TABLE shared_contents ALTER COLUMN raw_message SET STORAGE EXTERNAL;
ALTER TABLE shared_contents ALTER COLUMN bodies SET STORAGE EXTERNAL;
-- The purge and the erase look for shared contents no message refers to, and dictionaries no value names.
CREATE INDEX idx_email_content_tenant_hash ON email_content (tenant_id, content_hash);
CREATE INDEX idx_shared_contents_expires ON shared_contents (expires);
CREATE INDEX idx_shared_contents_dictionary ON shared_contents (dictionary_id) WHERE dictionary_id IS NOT NULL;

ALTER TABLE shared_contents ENABLE ROW LEVEL SECURITY;
ALTER TABLE shared_contents FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON shared_contents
  USING (tenant_id = NULLIF(current_setting('penguin.tenant_id', true), '')::uuid);
CREATE POLICY system_work ON shared_contents TO CURRENT_USER
  USING (current_setting('penguin.system_work', true) = 'on');

-- shared_bytes: what the day's format-3 messages' content takes encoded, as if each stored its own copy; contents and
-- content_bytes: the shared_contents rows created that day. The difference is what deduplication saves.
ALTER TABLE storage_daily ADD COLUMN shared_bytes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE storage_daily ADD COLUMN contents BIGINT NOT NULL DEFAULT 0;
ALTER TABLE storage_daily ADD COLUMN content_bytes BIGINT NOT NULL DEFAULT 0;
