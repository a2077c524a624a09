-- The engagement loop: what recipients did (opens, clicks, unsubscribes, replies, bounces, auto-replies, complaints)
-- and the bookkeeping of the consumers that learn it from ingest-service. Every row carries tenant_id.

-- One row per consumed record (its ce_id), inserted in the transaction of the record's effect: a redelivered record
-- finds its row and changes nothing.
CREATE TABLE processed_events (
    event_id  TEXT PRIMARY KEY,
    tenant_id UUID NOT NULL,
    topic     TEXT NOT NULL,
    processed TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Every verified open, click and unsubscribe of a campaign email; repeated opens each get a row.
CREATE TABLE tracking_events (
    id               UUID PRIMARY KEY,
    tenant_id        UUID NOT NULL,
    event_type       TEXT NOT NULL,
    campaign_id      UUID,
    step_id          UUID,
    enrollment_id    UUID,
    lead_id          UUID,
    email_account_id UUID,
    message_id       TEXT,
    url              TEXT,
    user_agent       TEXT,
    occurred_at      TIMESTAMPTZ NOT NULL,
    CHECK (event_type IN ('opened', 'clicked', 'unsubscribed'))
);

CREATE INDEX tracking_events_enrollment ON tracking_events (tenant_id, enrollment_id);

-- Every bounce per recipient, matched to the sent message when possible. Soft bounces of one enrollment and step
-- count its retries; hard bounces over a campaign's recent sends drive the bounce shield.
CREATE TABLE bounces (
    id               UUID PRIMARY KEY,
    tenant_id        UUID NOT NULL,
    event_id         TEXT NOT NULL,
    campaign_id      UUID,
    step_id          UUID,
    enrollment_id    UUID,
    lead_id          UUID,
    message_id       TEXT,
    recipient        TEXT NOT NULL,
    hard             BOOLEAN NOT NULL,
    status           TEXT,
    reason           TEXT,
    storage_key      TEXT NOT NULL,
    received_at      TIMESTAMPTZ NOT NULL
);

CREATE INDEX bounces_campaign ON bounces (tenant_id, campaign_id, message_id) WHERE hard;
CREATE INDEX bounces_enrollment ON bounces (tenant_id, enrollment_id, step_id);

-- ARF feedback reports (spam complaints) against a lead.
CREATE TABLE complaints (
    id            UUID PRIMARY KEY,
    tenant_id     UUID NOT NULL,
    lead_id       UUID,
    email         TEXT NOT NULL,
    campaign_id   UUID,
    enrollment_id UUID,
    message_id    TEXT,
    feedback_type TEXT,
    storage_key   TEXT NOT NULL,
    received_at   TIMESTAMPTZ NOT NULL
);

CREATE INDEX complaints_tenant ON complaints (tenant_id, received_at);

-- Inbound replies, bounces, auto-replies and complaints nothing of this tenant could be matched to: kept, never
-- dropped, so an operator can see what arrived and why it was not attributed.
CREATE TABLE unmatched_messages (
    id               UUID PRIMARY KEY,
    tenant_id        UUID NOT NULL,
    event_id         TEXT NOT NULL,
    topic            TEXT NOT NULL,
    message_type     TEXT NOT NULL,
    storage_key      TEXT NOT NULL,
    email_account_id TEXT,
    message_id       TEXT,
    from_address     TEXT,
    subject          TEXT,
    reason           TEXT NOT NULL,
    received_at      TIMESTAMPTZ NOT NULL,
    created          TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX unmatched_messages_tenant ON unmatched_messages (tenant_id, created);
