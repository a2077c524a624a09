-- Campaigns, their sequence steps and the state of every enrolled lead: what the sequence engine runs on.

-- Sending window: window_days are ISO days (1 = Monday .. 7 = Sunday), window_start/window_end local times in the
-- lead's time zone, or the campaign's when the lead has none. Sends from one mailbox are spaced by a random delay
-- between min_spacing_seconds and max_spacing_seconds.
CREATE TABLE campaigns (
    id                      UUID PRIMARY KEY,
    tenant_id               UUID NOT NULL REFERENCES tenants (id),
    company_id              UUID REFERENCES companies (id),
    name                    TEXT NOT NULL,
    description             TEXT,
    status                  TEXT NOT NULL DEFAULT 'draft',
    timezone                TEXT NOT NULL DEFAULT 'UTC',
    window_days             INTEGER[] NOT NULL DEFAULT '{1,2,3,4,5}',
    window_start            TIME NOT NULL DEFAULT '09:00',
    window_end              TIME NOT NULL DEFAULT '17:00',
    min_spacing_seconds     INTEGER NOT NULL DEFAULT 60,
    max_spacing_seconds     INTEGER NOT NULL DEFAULT 300,
    track_opens             BOOLEAN NOT NULL DEFAULT FALSE,
    track_clicks            BOOLEAN NOT NULL DEFAULT FALSE,
    bounce_shield_threshold NUMERIC(5, 4) NOT NULL DEFAULT 0.05,
    ooo_pause_days          INTEGER NOT NULL DEFAULT 7,
    paused_reason           TEXT,
    scheduled_at            TIMESTAMPTZ,
    started_at              TIMESTAMPTZ,
    completed_at            TIMESTAMPTZ,
    created                 TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated                 TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (status IN ('draft', 'scheduled', 'sending', 'paused', 'completed'))
);

CREATE INDEX campaigns_tenant ON campaigns (tenant_id);

-- The mailboxes a campaign rotates across.
CREATE TABLE campaign_mailboxes (
    tenant_id        UUID NOT NULL,
    campaign_id      UUID NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    email_account_id UUID NOT NULL REFERENCES email_accounts (id),
    PRIMARY KEY (campaign_id, email_account_id)
);

CREATE TABLE campaign_sequence_steps (
    id                    UUID PRIMARY KEY,
    tenant_id             UUID NOT NULL,
    campaign_id           UUID NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    step_order            INTEGER NOT NULL,
    step_type             TEXT NOT NULL,
    template_id           UUID REFERENCES templates (id),
    subject_override      TEXT,
    from_name_override    TEXT,
    wait_duration_minutes INTEGER,
    wait_until_date       TIMESTAMPTZ,
    condition_type        TEXT,
    is_active             BOOLEAN NOT NULL DEFAULT TRUE,
    executed_count        INTEGER NOT NULL DEFAULT 0,
    last_executed_at      TIMESTAMPTZ,
    created               TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated               TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (campaign_id, step_order),
    CHECK (step_type IN ('email', 'wait', 'condition')),
    CHECK (condition_type IS NULL OR condition_type IN ('always', 'no_reply', 'no_open', 'no_click'))
);

-- One row per lead in a campaign: where it is in the sequence and when it is due next. The engine claims due rows
-- with FOR UPDATE SKIP LOCKED, so replicas never run the same step twice. email_account_id is the mailbox the lead
-- was first sent from; follow-ups stay on it so they thread in the recipient's inbox.
-- The engagement columns (opened_at, clicked_at, replied_at, ...) are set by the engagement consumers and tracking
-- endpoints and read by condition steps.
CREATE TABLE campaign_enrollments (
    id                 UUID PRIMARY KEY,
    tenant_id          UUID NOT NULL,
    campaign_id        UUID NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    lead_id            UUID NOT NULL REFERENCES leads (id),
    status             TEXT NOT NULL DEFAULT 'active',
    current_step_order INTEGER NOT NULL DEFAULT 1,
    next_run_at        TIMESTAMPTZ,
    email_account_id   UUID REFERENCES email_accounts (id),
    attempts           INTEGER NOT NULL DEFAULT 0,
    last_error         TEXT,
    last_sent_at       TIMESTAMPTZ,
    last_message_id    TEXT,
    opened_at          TIMESTAMPTZ,
    clicked_at         TIMESTAMPTZ,
    replied_at         TIMESTAMPTZ,
    bounced_at         TIMESTAMPTZ,
    unsubscribed_at    TIMESTAMPTZ,
    paused_until       TIMESTAMPTZ,
    finished_at        TIMESTAMPTZ,
    -- The thread every follow-up joins: the Message-ID and subject of the first email this campaign sent the lead.
    thread_message_id  TEXT,
    thread_subject     TEXT,
    -- A send in flight, committed before the SMTP call: a row still carrying it after next_run_at passed belongs to a
    -- process that stopped between SMTP and commit, and is settled as sent (outcome unknown), never sent again.
    sending_message_id       TEXT,
    sending_email_account_id UUID REFERENCES email_accounts (id),
    sending_since            TIMESTAMPTZ,
    created            TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated            TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (campaign_id, lead_id),
    CHECK (status IN ('active', 'completed', 'replied', 'bounced', 'unsubscribed', 'complained', 'suppressed',
                      'failed'))
);

CREATE INDEX campaign_enrollments_due ON campaign_enrollments (next_run_at) WHERE status = 'active';
CREATE INDEX campaign_enrollments_lead ON campaign_enrollments (tenant_id, lead_id);
CREATE INDEX campaign_enrollments_campaign_status ON campaign_enrollments (campaign_id, status);

-- Sends per mailbox per day (in UTC), for daily limits and ramp-up; next_send_at enforces the random spacing.
CREATE TABLE mailbox_daily_usage (
    tenant_id        UUID NOT NULL,
    email_account_id UUID NOT NULL REFERENCES email_accounts (id),
    day              DATE NOT NULL,
    sent             INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (email_account_id, day)
);

ALTER TABLE email_accounts ADD COLUMN next_send_at TIMESTAMPTZ;

-- Light references to campaign messages, sent and received; the bodies live in content-service under
-- content_storage_key. message_id is the RFC 5322 Message-ID, which replies and bounces are matched on.
CREATE TABLE inbox_message_refs (
    id                  UUID PRIMARY KEY,
    tenant_id           UUID NOT NULL,
    email_account_id    UUID REFERENCES email_accounts (id),
    campaign_id         UUID REFERENCES campaigns (id),
    step_id             UUID REFERENCES campaign_sequence_steps (id),
    lead_id             UUID REFERENCES leads (id),
    enrollment_id       UUID REFERENCES campaign_enrollments (id),
    direction           TEXT NOT NULL,
    message_type        TEXT NOT NULL,
    message_id          TEXT NOT NULL,
    in_reply_to         TEXT,
    content_storage_key TEXT NOT NULL,
    subject             TEXT,
    occurred_at         TIMESTAMPTZ NOT NULL,
    created             TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (direction IN ('outbound', 'inbound'))
);

CREATE UNIQUE INDEX inbox_message_refs_message ON inbox_message_refs (tenant_id, direction, message_id);
CREATE INDEX inbox_message_refs_enrollment ON inbox_message_refs (enrollment_id);
