-- Tenants and the tokens issued to them, plus the transactional outbox every event of this service leaves through.

CREATE TABLE tenants (
    id      UUID PRIMARY KEY,
    name    TEXT NOT NULL,
    created TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated TIMESTAMPTZ NOT NULL DEFAULT now(),
    deleted TIMESTAMPTZ
);

-- One row per issued token, so that an operator can see what was handed out and revoke it later.
CREATE TABLE tenant_tokens (
    id        UUID PRIMARY KEY,
    tenant_id UUID NOT NULL REFERENCES tenants (id),
    jti       TEXT NOT NULL UNIQUE,
    issued    TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires   TIMESTAMPTZ NOT NULL,
    revoked   TIMESTAMPTZ
);

CREATE INDEX tenant_tokens_tenant ON tenant_tokens (tenant_id);

-- Written in the same transaction as the change it announces; OutboxRelay publishes it and sets published.
-- The row id is the record's ce_id, so a re-published row is recognised by consumers as the same event.
CREATE TABLE outbox (
    id         UUID PRIMARY KEY,
    tenant_id  UUID NOT NULL,
    topic      TEXT NOT NULL,
    record_key TEXT NOT NULL,
    event_type TEXT NOT NULL,
    body       TEXT NOT NULL,
    created    TIMESTAMPTZ NOT NULL DEFAULT now(),
    published  TIMESTAMPTZ
);

CREATE INDEX outbox_pending ON outbox (created) WHERE published IS NULL;
