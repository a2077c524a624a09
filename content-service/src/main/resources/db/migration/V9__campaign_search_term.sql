-- Campaign mail carries its campaign in the full-text vector as the term 'campaign=<id>' (CampaignSearchTerm), so a
-- search within a campaign asks the index for the words and the campaign together. A campaign is fixed when a
-- message is stored, so the term never goes stale. The owner sees rows under FORCE ROW LEVEL SECURITY only as
-- system work (V4).
SELECT set_config('penguin.system_work', 'on', true);

UPDATE email_content c
   SET search_tsv = coalesce(c.search_tsv, ''::tsvector) || array_to_tsvector(ARRAY['campaign=' || m.campaign_id])
  FROM email_messages m
 WHERE m.storage_key = c.storage_key
   AND m.campaign_id IS NOT NULL;
