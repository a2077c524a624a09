-- campaign_sequence_steps.is_active came with the seed schema but nothing ever read or wrote it: a campaign's steps
-- are exactly its current rows (PUT /v1/campaigns/{id}/steps deletes the replaced ones), so a step is never
-- "inactive". A column that looks meaningful but is ignored by the engine invites wrong queries; drop it.
ALTER TABLE campaign_sequence_steps DROP COLUMN is_active;
