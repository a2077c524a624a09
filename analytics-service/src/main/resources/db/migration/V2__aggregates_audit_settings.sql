-- Issue 8: aggregates beyond the day, unique engagements, the tenant's time zone and the audit log.
-- Every aggregate row is maintained in the transaction that inserts the event's processed_events row.
-- '' stands for "not attributed" as in daily_analytics, so the primary keys merge such events.

CREATE TABLE campaign_analytics (
    tenant_id           UUID    NOT NULL,
    campaign_id         TEXT    NOT NULL,
    emails_sent         INTEGER NOT NULL DEFAULT 0,
    emails_delivered    INTEGER NOT NULL DEFAULT 0,
    emails_opened       INTEGER NOT NULL DEFAULT 0,
    emails_clicked      INTEGER NOT NULL DEFAULT 0,
    emails_replied      INTEGER NOT NULL DEFAULT 0,
    emails_bounced      INTEGER NOT NULL DEFAULT 0,
    emails_unsubscribed INTEGER NOT NULL DEFAULT 0,
    emails_complained   INTEGER NOT NULL DEFAULT 0,
    emails_received     INTEGER NOT NULL DEFAULT 0,
    updated             TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, campaign_id)
);

CREATE TABLE mailbox_analytics (
    tenant_id           UUID    NOT NULL,
    mailbox_id          TEXT    NOT NULL,
    emails_sent         INTEGER NOT NULL DEFAULT 0,
    emails_delivered    INTEGER NOT NULL DEFAULT 0,
    emails_opened       INTEGER NOT NULL DEFAULT 0,
    emails_clicked      INTEGER NOT NULL DEFAULT 0,
    emails_replied      INTEGER NOT NULL DEFAULT 0,
    emails_bounced      INTEGER NOT NULL DEFAULT 0,
    emails_unsubscribed INTEGER NOT NULL DEFAULT 0,
    emails_complained   INTEGER NOT NULL DEFAULT 0,
    emails_received     INTEGER NOT NULL DEFAULT 0,
    updated             TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, mailbox_id)
);

CREATE TABLE sequence_step_analytics (
    tenant_id           UUID    NOT NULL,
    campaign_id         TEXT    NOT NULL,
    step_id             TEXT    NOT NULL,
    emails_sent         INTEGER NOT NULL DEFAULT 0,
    emails_delivered    INTEGER NOT NULL DEFAULT 0,
    emails_opened       INTEGER NOT NULL DEFAULT 0,
    emails_clicked      INTEGER NOT NULL DEFAULT 0,
    emails_replied      INTEGER NOT NULL DEFAULT 0,
    emails_bounced      INTEGER NOT NULL DEFAULT 0,
    emails_unsubscribed INTEGER NOT NULL DEFAULT 0,
    emails_complained   INTEGER NOT NULL DEFAULT 0,
    emails_received     INTEGER NOT NULL DEFAULT 0,
    updated             TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, campaign_id, step_id)
);

-- The first open / click of each message; a later hit on the same message finds its row and counts nothing.
CREATE TABLE unique_engagements (
    tenant_id       UUID NOT NULL,
    engagement_type TEXT NOT NULL,
    message_key     TEXT NOT NULL,
    first_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, engagement_type, message_key)
);

-- The tenant's time zone decides which local day an event counts on; no row means UTC.
CREATE TABLE tenant_settings (
    tenant_id UUID PRIMARY KEY,
    time_zone TEXT NOT NULL,
    updated   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Administrative actions from audit.events; event_id (the ce_id) is unique, so a redelivery inserts nothing.
CREATE TABLE admin_audit_log (
    id          BIGSERIAL PRIMARY KEY,
    event_id    TEXT NOT NULL UNIQUE,
    tenant_id   UUID,
    action      TEXT NOT NULL,
    actor       TEXT NOT NULL,
    subject_id  TEXT,
    details     JSONB NOT NULL DEFAULT '{}',
    occurred_at TIMESTAMPTZ NOT NULL,
    recorded    TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX admin_audit_log_tenant ON admin_audit_log (tenant_id, occurred_at DESC);
