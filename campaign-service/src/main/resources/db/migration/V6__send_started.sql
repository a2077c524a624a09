-- A claimed send is marked started, in a commit of its own, right before its SMTP call. A claim found after its lease
-- without that mark never reached SMTP: it is handed back and sent normally. Only a started one may have gone out, so
-- only it is settled as "outcome unknown" and never sent again.
ALTER TABLE campaign_enrollments ADD COLUMN sending_started_at TIMESTAMPTZ;

-- Claims left by a version without the mark may have reached SMTP: they count as started.
UPDATE campaign_enrollments SET sending_started_at = coalesce(sending_since, now()) WHERE sending_message_id IS NOT NULL;
