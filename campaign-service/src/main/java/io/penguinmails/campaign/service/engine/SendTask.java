package io.penguinmails.campaign.service.engine;

import io.penguinmails.campaign.Campaign;
import io.penguinmails.campaign.CampaignStep;
import io.penguinmails.campaign.DueEnrollment;
import io.penguinmails.campaign.MailboxState;
import io.penguinmails.campaign.TemplateContent;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An email send claimed in a committed transaction, to be submitted over SMTP and then settled.
 *
 * @param usageDay the UTC day whose mailbox usage the claim reserved
 */
record SendTask(
        DueEnrollment enrollment,
        Campaign campaign,
        CampaignStep step,
        MailboxState mailbox,
        TemplateContent template,
        String messageId,
        Instant claimedAt,
        LocalDate usageDay) {}
