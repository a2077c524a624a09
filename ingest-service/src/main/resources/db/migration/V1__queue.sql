-- The Queue tier (seed schema: job_queues, jobs, job_logs), with the tenant on every row and the
-- ingestion idempotency key (tenant_id, storage_key) on jobs.

CREATE TABLE job_queues (
  name VARCHAR(100) PRIMARY KEY,
  default_priority INTEGER NOT NULL DEFAULT 100,
  max_attempts INTEGER NOT NULL DEFAULT 5,
  is_active BOOLEAN NOT NULL DEFAULT TRUE,
  created TIMESTAMPTZ NOT NULL DEFAULT now()
);

INSERT INTO job_queues (name) VALUES ('inbound');

CREATE TABLE jobs (
  id UUID PRIMARY KEY,
  tenant_id UUID NOT NULL,
  queue_name VARCHAR(100) NOT NULL REFERENCES job_queues (name),
  status VARCHAR(50) NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'dead')),
  priority INTEGER NOT NULL DEFAULT 100,
  storage_key VARCHAR(100) NOT NULL,
  email_account_id VARCHAR(100),
  message_type VARCHAR(20) NOT NULL,
  payload JSONB NOT NULL,
  event_body TEXT,
  attempt_count INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL DEFAULT 5,
  run TIMESTAMPTZ NOT NULL DEFAULT now(),
  started TIMESTAMPTZ,
  completed TIMESTAMPTZ,
  failed TIMESTAMPTZ,
  last_error_message TEXT,
  created TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT uq_jobs_tenant_storage_key UNIQUE (tenant_id, storage_key)
);

-- The relay claims due work by status and run time.
CREATE INDEX idx_jobs_status_run_due ON jobs (run) WHERE status IN ('queued', 'running');
CREATE INDEX idx_jobs_tenant_status_created ON jobs (tenant_id, status, created DESC);

CREATE TABLE job_logs (
  id UUID PRIMARY KEY,
  tenant_id UUID NOT NULL,
  job_id UUID NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  status VARCHAR(50) NOT NULL,
  log_message TEXT,
  attempt_number INTEGER NOT NULL,
  started TIMESTAMPTZ NOT NULL DEFAULT now(),
  finished TIMESTAMPTZ,
  duration INTERVAL,
  created TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX idx_job_logs_job ON job_logs (job_id, attempt_number);
