-- OLAP tier, first slice: daily aggregates of analytics.events and the consumer's idempotency ledger.

-- One row per tenant, campaign, mailbox and UTC day. An event without a campaign or mailbox is stored with ''
-- rather than NULL so that the unique key (NULLs never conflict) still merges its counts into one row.
CREATE TABLE daily_analytics (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id           UUID    NOT NULL,
    campaign_id         TEXT    NOT NULL DEFAULT '',
    mailbox_id          TEXT    NOT NULL DEFAULT '',
    date                DATE    NOT NULL,
    emails_sent         INTEGER NOT NULL DEFAULT 0,
    emails_delivered    INTEGER NOT NULL DEFAULT 0,
    emails_opened       INTEGER NOT NULL DEFAULT 0,
    emails_clicked      INTEGER NOT NULL DEFAULT 0,
    emails_replied      INTEGER NOT NULL DEFAULT 0,
    emails_bounced      INTEGER NOT NULL DEFAULT 0,
    emails_unsubscribed INTEGER NOT NULL DEFAULT 0,
    emails_complained   INTEGER NOT NULL DEFAULT 0,
    emails_received     INTEGER NOT NULL DEFAULT 0,
    -- Reserved for mailbox warm-up, which no analytics.events type reports yet.
    warmup_opens        INTEGER NOT NULL DEFAULT 0,
    warmup_replies      INTEGER NOT NULL DEFAULT 0,
    -- Percent of the day's sent emails. Unbounded NUMERIC instead of the seed's DECIMAL(5,2): opens and clicks
    -- arrive on later days than the sends, so a day may have more opens than sends and exceed 999.99 %, which
    -- would make the upsert fail.
    open_rate   NUMERIC GENERATED ALWAYS AS (
        CASE WHEN emails_sent > 0 THEN ROUND(emails_opened::NUMERIC * 100 / emails_sent, 2) ELSE 0 END) STORED,
    click_rate  NUMERIC GENERATED ALWAYS AS (
        CASE WHEN emails_sent > 0 THEN ROUND(emails_clicked::NUMERIC * 100 / emails_sent, 2) ELSE 0 END) STORED,
    bounce_rate NUMERIC GENERATED ALWAYS AS (
        CASE WHEN emails_sent > 0 THEN ROUND(emails_bounced::NUMERIC * 100 / emails_sent, 2) ELSE 0 END) STORED,
    reply_rate  NUMERIC GENERATED ALWAYS AS (
        CASE WHEN emails_sent > 0 THEN ROUND(emails_replied::NUMERIC * 100 / emails_sent, 2) ELSE 0 END) STORED,
    created TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, campaign_id, mailbox_id, date)
);

-- Every API query filters by tenant and a date range.
CREATE INDEX daily_analytics_tenant_date ON daily_analytics (tenant_id, date);

-- The ce_id of every event already counted; inserted in the same transaction as the counter update.
CREATE TABLE processed_events (
    event_id   TEXT PRIMARY KEY,
    tenant_id  UUID NOT NULL,
    event_type TEXT,
    processed  TIMESTAMPTZ DEFAULT now()
);
