-- What an outreach team sets up before a campaign: workspaces, sending domains, mailboxes, leads and their lists,
-- the suppression list and templates. Every row carries tenant_id; every query filters by it.

CREATE TABLE companies (
    id        UUID PRIMARY KEY,
    tenant_id UUID NOT NULL REFERENCES tenants (id),
    name      TEXT NOT NULL,
    domain    TEXT,
    industry  TEXT,
    size      TEXT,
    created   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX companies_tenant ON companies (tenant_id);

-- A sending domain; the DNS records the user must publish (SPF, DKIM, DMARC) are derived from these columns.
CREATE TABLE domains (
    id              UUID PRIMARY KEY,
    tenant_id       UUID NOT NULL REFERENCES tenants (id),
    company_id      UUID REFERENCES companies (id),
    name            TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending',
    dkim_selector   TEXT NOT NULL DEFAULT 'penguin',
    dkim_public_key TEXT,
    dkim_private_key_encrypted TEXT,
    created         TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated         TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, name)
);

-- A tenant mailbox. Passwords are encrypted (MailboxCredentials, v1: AES-256-GCM) and never returned by the API.
-- ramp_* shape the slow start of a new mailbox: its limit on day n is min(daily_limit, ramp_start + n * ramp_step).
CREATE TABLE email_accounts (
    id                      UUID PRIMARY KEY,
    tenant_id               UUID NOT NULL REFERENCES tenants (id),
    company_id              UUID REFERENCES companies (id),
    domain_id               UUID REFERENCES domains (id),
    email                   TEXT NOT NULL,
    from_name               TEXT,
    status                  TEXT NOT NULL DEFAULT 'active',
    daily_limit             INTEGER NOT NULL DEFAULT 50,
    ramp_start              INTEGER NOT NULL DEFAULT 10,
    ramp_step               INTEGER NOT NULL DEFAULT 5,
    smtp_host               TEXT NOT NULL,
    smtp_port               INTEGER NOT NULL,
    smtp_security           TEXT NOT NULL DEFAULT 'starttls',
    smtp_username           TEXT,
    smtp_password_encrypted TEXT,
    imap_host               TEXT,
    imap_port               INTEGER,
    imap_security           TEXT,
    imap_username           TEXT,
    imap_password_encrypted TEXT,
    last_error              TEXT,
    created                 TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated                 TIMESTAMPTZ NOT NULL DEFAULT now(),
    deleted                 TIMESTAMPTZ,
    CHECK (status IN ('active', 'paused', 'error', 'deleted')),
    CHECK (smtp_security IN ('none', 'starttls', 'tls'))
);

CREATE UNIQUE INDEX email_accounts_tenant_email ON email_accounts (tenant_id, lower(email)) WHERE deleted IS NULL;

CREATE TABLE lead_lists (
    id        UUID PRIMARY KEY,
    tenant_id UUID NOT NULL REFERENCES tenants (id),
    name      TEXT NOT NULL,
    created   TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, name)
);

-- One row per address per tenant (email is stored lower-cased); columns beyond the known ones go to custom_fields.
CREATE TABLE leads (
    id            UUID PRIMARY KEY,
    tenant_id     UUID NOT NULL REFERENCES tenants (id),
    email         TEXT NOT NULL,
    first_name    TEXT,
    last_name     TEXT,
    company       TEXT,
    position      TEXT,
    timezone      TEXT,
    custom_fields JSONB NOT NULL DEFAULT '{}',
    created       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated       TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, email)
);

CREATE TABLE lead_list_members (
    tenant_id UUID NOT NULL,
    list_id   UUID NOT NULL REFERENCES lead_lists (id) ON DELETE CASCADE,
    lead_id   UUID NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    added     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (list_id, lead_id)
);

CREATE INDEX lead_list_members_lead ON lead_list_members (lead_id);

-- A CSV import: the body is kept until processed so a restart resumes it; counters show progress over the API.
-- processed_rows counts the data rows already committed (the worker resumes after them); a worker holds an import
-- through lease_owner / lease_until, renewed with every batch, so another instance takes over only an abandoned one.
CREATE TABLE lead_imports (
    id             UUID PRIMARY KEY,
    tenant_id      UUID NOT NULL REFERENCES tenants (id),
    list_id        UUID NOT NULL REFERENCES lead_lists (id),
    status         TEXT NOT NULL DEFAULT 'queued',
    column_mapping JSONB NOT NULL DEFAULT '{}',
    body           BYTEA,
    total          INTEGER NOT NULL DEFAULT 0,
    imported       INTEGER NOT NULL DEFAULT 0,
    duplicates     INTEGER NOT NULL DEFAULT 0,
    rejected       INTEGER NOT NULL DEFAULT 0,
    processed_rows INTEGER NOT NULL DEFAULT 0,
    lease_owner    UUID,
    lease_until    TIMESTAMPTZ,
    error          TEXT,
    created        TIMESTAMPTZ NOT NULL DEFAULT now(),
    started        TIMESTAMPTZ,
    finished       TIMESTAMPTZ,
    CHECK (status IN ('queued', 'running', 'completed', 'failed'))
);

CREATE INDEX lead_imports_pending ON lead_imports (created) WHERE status IN ('queued', 'running');

CREATE TABLE lead_import_rejects (
    tenant_id  UUID NOT NULL,
    import_id  UUID NOT NULL REFERENCES lead_imports (id) ON DELETE CASCADE,
    row_number INTEGER NOT NULL,
    reason     TEXT NOT NULL,
    raw        TEXT,
    PRIMARY KEY (import_id, row_number)
);

-- Addresses no campaign of the tenant may mail; checked just before each send.
CREATE TABLE suppressions (
    tenant_id UUID NOT NULL REFERENCES tenants (id),
    email     TEXT NOT NULL,
    reason    TEXT NOT NULL,
    source    TEXT,
    created   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, email),
    CHECK (reason IN ('unsubscribed', 'hard_bounce', 'complaint', 'manual'))
);

-- Personalised with {{variable}} and {{variable|fallback}}; variables lists the names the template uses.
CREATE TABLE templates (
    id        UUID PRIMARY KEY,
    tenant_id UUID NOT NULL REFERENCES tenants (id),
    name      TEXT NOT NULL,
    subject   TEXT NOT NULL,
    html      TEXT,
    text      TEXT,
    variables JSONB NOT NULL DEFAULT '[]',
    is_active BOOLEAN NOT NULL DEFAULT TRUE,
    created   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX templates_tenant ON templates (tenant_id);
