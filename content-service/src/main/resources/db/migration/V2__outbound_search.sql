-- Outbound campaign mail, listing with keyset pagination, full-text search and threading.

-- The sequence step of an outbound campaign message.
ALTER TABLE email_messages ADD COLUMN step_id TEXT;

-- Outbound messages arrive without raw bytes (campaign-service sends the rendered text/html only).
ALTER TABLE email_content ALTER COLUMN raw_message DROP NOT NULL;

-- Full-text search over subject and text in one document, so that words of a query may come from either.
-- The subject is copied into email_content because a generated column can only read its own row.
-- 'simple' because mail is multilingual: no language's stemming is right for all of it. Bodies are cut at
-- 100k characters so that a huge body cannot exceed tsvector's 1 MB limit and fail the insert.
ALTER TABLE email_content ADD COLUMN subject TEXT;
UPDATE email_content c SET subject = m.subject FROM email_messages m WHERE m.storage_key = c.storage_key;
ALTER TABLE email_content ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('simple'::regconfig, left(coalesce(subject, ''), 10000)), 'A')
  || to_tsvector('simple'::regconfig, left(coalesce(content_text, ''), 100000))) STORED;
CREATE INDEX idx_email_content_search ON email_content USING GIN (search_tsv);

-- Keyset pagination walks (created, storage_key) backwards within a tenant.
DROP INDEX idx_email_messages_tenant_created;
CREATE INDEX idx_email_messages_tenant_created_key ON email_messages (tenant_id, created DESC, storage_key DESC);
CREATE INDEX idx_email_messages_tenant_campaign ON email_messages (tenant_id, campaign_id, created DESC);
CREATE INDEX idx_email_messages_tenant_account ON email_messages (tenant_id, email_account_id, created DESC);
CREATE INDEX idx_email_messages_tenant_from ON email_messages (tenant_id, lower(from_email));
-- The lower-cased addresses of an address list, so that a recipient filter can use a GIN index instead of
-- unpacking every row's JSON.
CREATE FUNCTION email_addresses(list jsonb) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
  $$ SELECT coalesce(array_agg(lower(e->>'address')), '{}') FROM jsonb_array_elements(list) e $$;
CREATE INDEX idx_email_messages_to ON email_messages USING GIN (email_addresses(to_emails));
-- Threading looks messages up by the ids they answer or reference.
CREATE INDEX idx_email_messages_tenant_in_reply_to ON email_messages (tenant_id, in_reply_to);
CREATE INDEX idx_email_messages_references ON email_messages USING GIN (references_ids);

-- The retention purge finds expired messages by their expiry.
CREATE INDEX idx_email_content_expires ON email_content (expires);

-- Written in the same transaction as the change it announces (a GDPR erase); OutboxRelay publishes it and sets
-- published. The row id is the record's ce_id, so a re-published row is recognised by consumers as the same event.
CREATE TABLE outbox (
  id UUID PRIMARY KEY,
  tenant_id UUID NOT NULL,
  topic TEXT NOT NULL,
  record_key TEXT NOT NULL,
  event_type TEXT NOT NULL,
  body TEXT NOT NULL,
  created TIMESTAMPTZ NOT NULL DEFAULT now(),
  published TIMESTAMPTZ
);
CREATE INDEX idx_outbox_pending ON outbox (created) WHERE published IS NULL;
