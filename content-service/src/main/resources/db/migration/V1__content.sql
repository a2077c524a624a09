-- The Content tier: message metadata, bodies and attachments, keyed by the deterministic storage_key.

CREATE TABLE email_messages (
  storage_key VARCHAR(100) PRIMARY KEY,
  tenant_id UUID NOT NULL,
  email_account_id TEXT,
  campaign_id TEXT,
  lead_id TEXT,
  parent_storage_key VARCHAR(100),
  direction VARCHAR(20) NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  message_type VARCHAR(20) NOT NULL CHECK (message_type IN ('email', 'bounce', 'auto_reply', 'complaint')),
  status VARCHAR(50) NOT NULL,
  message_id TEXT,
  in_reply_to TEXT,
  references_ids TEXT[] NOT NULL DEFAULT '{}',
  from_email VARCHAR(320),
  from_name TEXT,
  to_emails JSONB NOT NULL DEFAULT '[]',
  cc_emails JSONB NOT NULL DEFAULT '[]',
  subject TEXT,
  sent_date TIMESTAMPTZ,
  bounce JSONB,
  auto_reply JSONB,
  parse_problems JSONB NOT NULL DEFAULT '[]',
  received_at TIMESTAMPTZ,
  processed TIMESTAMPTZ NOT NULL DEFAULT now(),
  created TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX idx_email_messages_tenant_created ON email_messages (tenant_id, created DESC);
CREATE INDEX idx_email_messages_tenant_message_id ON email_messages (tenant_id, message_id);

CREATE TABLE email_content (
  storage_key VARCHAR(100) PRIMARY KEY REFERENCES email_messages (storage_key) ON DELETE CASCADE,
  tenant_id UUID NOT NULL,
  content_text TEXT,
  content_html TEXT,
  headers JSONB NOT NULL DEFAULT '[]',
  raw_message BYTEA NOT NULL,
  raw_size_bytes INTEGER NOT NULL,
  compressed_size_bytes INTEGER NOT NULL,
  content_hash VARCHAR(64) NOT NULL,
  compression_algorithm VARCHAR(20) NOT NULL,
  created TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires TIMESTAMPTZ,
  retention_days INTEGER NOT NULL DEFAULT 2555
);

-- Attachment bytes are stored once per tenant and SHA-256, never shared across tenants.
CREATE TABLE attachment_blobs (
  tenant_id UUID NOT NULL,
  sha256 VARCHAR(64) NOT NULL,
  size_bytes BIGINT NOT NULL,
  content BYTEA NOT NULL,
  created TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, sha256)
);

CREATE TABLE attachments (
  id UUID PRIMARY KEY,
  tenant_id UUID NOT NULL,
  storage_key VARCHAR(100) NOT NULL REFERENCES email_messages (storage_key) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  filename TEXT,
  mime_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  sha256 VARCHAR(64) NOT NULL,
  disposition TEXT,
  content_id TEXT,
  created TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT uq_attachments_position UNIQUE (storage_key, position),
  CONSTRAINT fk_attachments_blob FOREIGN KEY (tenant_id, sha256) REFERENCES attachment_blobs (tenant_id, sha256)
);

CREATE INDEX idx_attachments_blob ON attachments (tenant_id, sha256);

-- Consumers record each event id in the same transaction as its effect.
CREATE TABLE processed_events (
  event_id TEXT PRIMARY KEY,
  tenant_id UUID NOT NULL,
  topic TEXT NOT NULL,
  processed TIMESTAMPTZ NOT NULL DEFAULT now()
);
