-- Transactional email and in-app notifications (the seeds' transactional_emails and notifications, adapted:
-- UUID ids set by the service, tenant_id on every row, retry state for the sender, expiry for notifications).

-- One row per email the suite sends on its own behalf. The sender claims 'queued' rows whose next_attempt_at has
-- come, marks them 'sending' (committed before SMTP starts), then 'sent', back to 'queued' with a later
-- next_attempt_at, or 'failed'. A row left in 'sending' past the sending timeout had an unknown outcome.
CREATE TABLE transactional_emails (
  id UUID PRIMARY KEY,
  tenant_id UUID NOT NULL,
  requested_by TEXT,
  payload JSONB NOT NULL,
  request_sha256 VARCHAR(64) NOT NULL,
  idempotency_key VARCHAR(200),
  message_id TEXT NOT NULL,
  status VARCHAR(20) NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL,
  unknown_outcomes INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  claimed_at TIMESTAMPTZ,
  last_error TEXT,
  queued TIMESTAMPTZ NOT NULL DEFAULT now(),
  sent TIMESTAMPTZ,
  failed TIMESTAMPTZ,
  updated TIMESTAMPTZ NOT NULL DEFAULT now(),
  -- NULL keys are distinct, so only requests that name a key are de-duplicated.
  CONSTRAINT uq_transactional_emails_idempotency UNIQUE (tenant_id, idempotency_key)
);

-- The sender's claim: due queued rows, oldest due first.
CREATE INDEX idx_transactional_emails_due ON transactional_emails (next_attempt_at) WHERE status = 'queued';
-- Recovery of claims whose sender stopped.
CREATE INDEX idx_transactional_emails_sending ON transactional_emails (claimed_at) WHERE status = 'sending';
-- Listing, newest first, keyset by (queued, id), optionally by status.
CREATE INDEX idx_transactional_emails_tenant_queued ON transactional_emails (tenant_id, queued DESC, id DESC);
CREATE INDEX idx_transactional_emails_tenant_status ON transactional_emails (tenant_id, status, queued DESC, id DESC);

-- In-app notifications of a tenant. They carry no user (NotificationEvent names none), so read state is the
-- tenant's. source_event_id is the ce_id of a consumed event (NULL for ones created through the API).
CREATE TABLE notifications (
  id UUID PRIMARY KEY,
  tenant_id UUID NOT NULL,
  kind VARCHAR(100) NOT NULL,
  severity VARCHAR(20) NOT NULL DEFAULT 'info' CHECK (severity IN ('info', 'warning', 'critical')),
  title VARCHAR(300) NOT NULL,
  body TEXT,
  subject_id TEXT,
  details JSONB NOT NULL DEFAULT '{}',
  source_event_id TEXT,
  is_read BOOLEAN NOT NULL DEFAULT false,
  read_at TIMESTAMPTZ,
  occurred_at TIMESTAMPTZ NOT NULL,
  created TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at TIMESTAMPTZ
);

-- Listing, newest first, keyset by (occurred_at, id); the partial index serves the unread filter.
CREATE INDEX idx_notifications_tenant_occurred ON notifications (tenant_id, occurred_at DESC, id DESC);
CREATE INDEX idx_notifications_tenant_unread ON notifications (tenant_id, occurred_at DESC, id DESC)
  WHERE NOT is_read;
-- The expiry purge.
CREATE INDEX idx_notifications_expires ON notifications (expires_at) WHERE expires_at IS NOT NULL;

-- Row-level security, as on every tenant table: a tenant's transaction (penguin.tenant_id set, TenantScope) sees and
-- writes only its rows; the owner reaches every tenant's rows only in system work (the sender, the expiry purge),
-- which sets penguin.system_work. FORCE subjects the owner to the policies too.
ALTER TABLE transactional_emails ENABLE ROW LEVEL SECURITY;
ALTER TABLE transactional_emails FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON transactional_emails
  USING (tenant_id = NULLIF(current_setting('penguin.tenant_id', true), '')::uuid);
CREATE POLICY system_work ON transactional_emails TO CURRENT_USER
  USING (current_setting('penguin.system_work', true) = 'on');
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notifications
  USING (tenant_id = NULLIF(current_setting('penguin.tenant_id', true), '')::uuid);
CREATE POLICY system_work ON notifications TO CURRENT_USER
  USING (current_setting('penguin.system_work', true) = 'on');
