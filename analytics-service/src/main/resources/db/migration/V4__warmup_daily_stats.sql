-- Issue 8, warm-up traffic: what each mailbox's warm-up mail did per tenant-local day, counted from analytics.events
-- records with "warmup": true (in the transaction that inserts their processed_events rows, like every aggregate).
-- Adapted from the design's warmup_daily_stats:
--  * the tenant is part of the unique key, as in every other aggregate: mailbox ids come from producers and are only
--    meaningful within their tenant, and every read filters by tenant first;
--  * no user_id: analytics.events carries no user, so nothing could fill it;
--  * mailbox_id is TEXT like in daily_analytics and mailbox_analytics (VARCHAR(255) in the design): an id that does
--    not fit would fail the whole batch's upsert;
--  * reputation_score is derived here rather than written by the consumer, see below.
-- Warm-up opens and replies also fill daily_analytics.warmup_opens / warmup_replies, reserved since V1 (the mailbox's
-- row without campaign); warm-up traffic is in no other counter.
-- The unique key (tenant_id, mailbox_id, date) is also the index of the only read (one mailbox, a date range); no
-- other index is needed. Indexes are left to their generated names: a rebuild swaps in copies named the same way.
CREATE TABLE warmup_daily_stats (
    id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id        UUID    NOT NULL,
    mailbox_id       TEXT    NOT NULL,
    date             DATE    NOT NULL,
    emails_sent      INTEGER NOT NULL DEFAULT 0,
    opens_received   INTEGER NOT NULL DEFAULT 0,
    replies_received INTEGER NOT NULL DEFAULT 0,
    -- The day's share of warm-up mails that got engagement, as a whole percent (0-100): a reply implies the mail was
    -- read, so at least GREATEST(opens, replies) of the day's sent mails were engaged with (opens are unique per
    -- message). Capped at 100 because opens and replies may land on a later day than their send; 0 on a day without
    -- sends. Generated, so it can never disagree with the counters it is derived from, in live and rebuilt tables.
    reputation_score INTEGER GENERATED ALWAYS AS (
        CASE WHEN emails_sent > 0
             THEN CAST(LEAST(100, ROUND(GREATEST(opens_received, replies_received) * 100.0 / emails_sent)) AS INTEGER)
             ELSE 0 END) STORED,
    created TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, mailbox_id, date)
);
