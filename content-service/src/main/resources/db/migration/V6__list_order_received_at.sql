-- Listings are ordered newest first by received_at instead of created. A date window bounds received_at, and with
-- the pages in created order PostgreSQL had two poor plans for a window weeks back: walk the newest-first index past
-- every newer row (310 ms at a million messages), or fetch the whole window and sort it (120 ms). With every list index
-- ending in received_at, a window of any age is one index range read in page order. For live mail the two columns
-- are nearly equal; for mail imported late, received_at is where it belongs in the mailbox.

DROP INDEX idx_email_messages_tenant_created_key;
DROP INDEX idx_email_messages_tenant_received;
CREATE INDEX idx_email_messages_tenant_received_key ON email_messages (tenant_id, received_at DESC, storage_key DESC);

DROP INDEX idx_email_messages_tenant_campaign;
CREATE INDEX idx_email_messages_tenant_campaign ON email_messages (tenant_id, campaign_id, received_at DESC);
DROP INDEX idx_email_messages_tenant_account;
CREATE INDEX idx_email_messages_tenant_account ON email_messages (tenant_id, email_account_id, received_at DESC);
DROP INDEX idx_email_messages_tenant_type;
CREATE INDEX idx_email_messages_tenant_type ON email_messages (tenant_id, message_type, received_at DESC);
DROP INDEX idx_email_messages_tenant_status;
CREATE INDEX idx_email_messages_tenant_status ON email_messages (tenant_id, status, received_at DESC);
DROP INDEX idx_email_messages_tenant_lead;
CREATE INDEX idx_email_messages_tenant_lead ON email_messages (tenant_id, lead_id, received_at DESC);
DROP INDEX idx_email_messages_tenant_from;
CREATE INDEX idx_email_messages_tenant_from
  ON email_messages (tenant_id, from_email COLLATE penguin_case_insensitive, received_at DESC);
DROP INDEX idx_email_messages_tenant_direction;
CREATE INDEX idx_email_messages_tenant_direction ON email_messages (tenant_id, direction, received_at DESC);
DROP INDEX idx_email_messages_tenant_account_direction;
CREATE INDEX idx_email_messages_tenant_account_direction
  ON email_messages (tenant_id, email_account_id, direction, received_at DESC);
DROP INDEX idx_email_messages_tenant_account_type;
CREATE INDEX idx_email_messages_tenant_account_type
  ON email_messages (tenant_id, email_account_id, message_type, received_at DESC);
DROP INDEX idx_email_messages_tenant_campaign_direction;
CREATE INDEX idx_email_messages_tenant_campaign_direction
  ON email_messages (tenant_id, campaign_id, direction, received_at DESC);
