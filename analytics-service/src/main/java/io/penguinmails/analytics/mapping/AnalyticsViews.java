package io.penguinmails.analytics.mapping;

import static io.penguinmails.analytics.mapping.Rates.percent;
import static io.penguinmails.analytics.mapping.Rates.twoDecimals;

import io.penguinmails.analytics.Attribution;
import io.penguinmails.analytics.Counters;
import io.penguinmails.analytics.DailyAnalytics;
import io.penguinmails.analytics.WarmupDay;
import io.penguinmails.analytics.config.AnalyticsConfig;
import io.penguinmails.analytics.rest.CampaignView;
import io.penguinmails.analytics.rest.DayView;
import io.penguinmails.analytics.rest.MailboxView;
import io.penguinmails.analytics.rest.OverviewView;
import io.penguinmails.analytics.rest.StepView;
import io.penguinmails.analytics.rest.WarmupDayView;
import java.math.BigDecimal;

/** Turns stored aggregates into the API's response bodies. */
public final class AnalyticsViews {

    private AnalyticsViews() {}

    /** One day's row; the table's "not attributed" empty string becomes null. */
    public static DayView day(DailyAnalytics row) {
        Counters c = row.counters();
        return new DayView(
                row.date(),
                attributedOrNull(row.campaignId()),
                attributedOrNull(row.mailboxId()),
                c.sent(),
                c.delivered(),
                c.opened(),
                c.clicked(),
                c.replied(),
                c.bounced(),
                c.unsubscribed(),
                c.complained(),
                c.received(),
                row.warmupOpens(),
                row.warmupReplies(),
                twoDecimals(row.openRate()),
                twoDecimals(row.clickRate()),
                twoDecimals(row.bounceRate()),
                twoDecimals(row.replyRate()));
    }

    /** A campaign's totals with the rate of each count. */
    public static CampaignView campaign(String campaignId, Counters c) {
        long sent = c.sent();
        return new CampaignView(
                campaignId,
                sent,
                c.delivered(),
                c.opened(),
                c.clicked(),
                c.replied(),
                c.bounced(),
                c.unsubscribed(),
                c.complained(),
                percent(c.delivered(), sent),
                percent(c.opened(), sent),
                percent(c.clicked(), sent),
                percent(c.replied(), sent),
                percent(c.bounced(), sent),
                percent(c.unsubscribed(), sent),
                percent(c.complained(), sent));
    }

    /** A tenant's totals with the rate of each outbound count. */
    public static OverviewView overview(Counters c) {
        long sent = c.sent();
        return new OverviewView(
                sent,
                c.delivered(),
                c.opened(),
                c.clicked(),
                c.replied(),
                c.bounced(),
                c.unsubscribed(),
                c.complained(),
                c.received(),
                percent(c.delivered(), sent),
                percent(c.opened(), sent),
                percent(c.clicked(), sent),
                percent(c.replied(), sent),
                percent(c.bounced(), sent),
                percent(c.unsubscribed(), sent),
                percent(c.complained(), sent));
    }

    /** A sequence step's totals with its rates. */
    public static StepView step(String stepId, Counters c) {
        long sent = c.sent();
        return new StepView(
                attributedOrNull(stepId),
                sent,
                c.delivered(),
                c.opened(),
                c.clicked(),
                c.replied(),
                c.bounced(),
                c.unsubscribed(),
                c.complained(),
                percent(c.opened(), sent),
                percent(c.clicked(), sent),
                percent(c.replied(), sent),
                percent(c.bounced(), sent));
    }

    /** A mailbox's volume, bounce and reply rates and its health label. */
    public static MailboxView mailbox(String mailboxId, Counters c, AnalyticsConfig.MailboxHealth thresholds) {
        BigDecimal bounceRate = percent(c.bounced(), c.sent());
        return new MailboxView(
                mailboxId,
                c.sent(),
                c.delivered(),
                c.bounced(),
                c.replied(),
                c.complained(),
                c.received(),
                bounceRate,
                percent(c.replied(), c.sent()),
                MailboxHealth.label(c.sent(), bounceRate, thresholds));
    }

    /** One day of a mailbox's warm-up traffic. */
    public static WarmupDayView warmupDay(WarmupDay day) {
        return new WarmupDayView(
                day.date(), day.emailsSent(), day.opensReceived(), day.repliesReceived(), day.reputationScore());
    }

    private static String attributedOrNull(String id) {
        return Attribution.UNATTRIBUTED.equals(id) ? null : id;
    }
}
