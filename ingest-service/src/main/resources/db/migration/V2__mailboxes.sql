-- Mail sources of the Queue tier: the mailboxes ingest polls over IMAP (kept from mailbox.changes, never read from
-- campaign's database), their fetch cursors, the events already applied, and the bulk importer's resume points.

-- One row per applied event id (ce_id), written in the same transaction as its effect: a redelivery changes nothing.
CREATE TABLE processed_events (
  event_id VARCHAR(200) PRIMARY KEY,
  topic VARCHAR(100) NOT NULL,
  processed TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- email_account_id is campaign's id of the mailbox and the key of mailbox.changes, unique across tenants.
CREATE TABLE mailboxes (
  email_account_id VARCHAR(100) PRIMARY KEY,
  tenant_id UUID NOT NULL,
  email VARCHAR(320),
  status VARCHAR(20) NOT NULL CHECK (status IN ('active', 'paused')),
  imap_host VARCHAR(255),
  imap_port INTEGER,
  imap_security VARCHAR(10) CHECK (imap_security IN ('none', 'starttls', 'tls')),
  imap_username VARCHAR(320),
  password_encrypted TEXT,
  -- occurred_at of the change applied last: an older change arriving late is ignored.
  changed_at TIMESTAMPTZ NOT NULL,
  last_polled_at TIMESTAMPTZ,
  last_success_at TIMESTAMPTZ,
  last_error TEXT,
  last_error_at TIMESTAMPTZ,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  -- When the mailbox is due next; a claim pushes it out by a lease so other replicas skip it meanwhile.
  next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  created TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX idx_mailboxes_due ON mailboxes (next_attempt_at) WHERE status = 'active' AND imap_host IS NOT NULL;
CREATE INDEX idx_mailboxes_tenant ON mailboxes (tenant_id, email_account_id);

-- Where polling of a folder stands: UIDs up to last_uid under uid_validity were accepted (or refused for good).
CREATE TABLE mailbox_cursors (
  email_account_id VARCHAR(100) NOT NULL REFERENCES mailboxes (email_account_id) ON DELETE CASCADE,
  folder VARCHAR(200) NOT NULL,
  tenant_id UUID NOT NULL,
  uid_validity BIGINT NOT NULL,
  last_uid BIGINT NOT NULL DEFAULT 0,
  messages_fetched BIGINT NOT NULL DEFAULT 0,
  messages_refused BIGINT NOT NULL DEFAULT 0,
  last_refused TEXT,
  updated TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (email_account_id, folder)
);

-- The bulk importer's resume point per tenant and source (an mbox file, a Maildir or a folder of .eml files):
-- every entry up to last_entry_key, in the source's order, was handled.
CREATE TABLE import_cursors (
  tenant_id UUID NOT NULL,
  source_path TEXT NOT NULL,
  last_entry_key TEXT NOT NULL,
  entries_done BIGINT NOT NULL DEFAULT 0,
  updated TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, source_path)
);
