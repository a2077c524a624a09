package io.penguinmails.campaign.rest;

import io.penguinmails.campaign.Campaign;
import io.penguinmails.campaign.CampaignStep;
import io.penguinmails.campaign.EngagementSettings;
import jakarta.ws.rs.BadRequestException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** Checks the shape of campaign bodies and turns them into campaigns and steps; a bad field is a 400. */
final class CampaignParser {

    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_STEPS = 50;
    static final int MAX_MAILBOXES = 100;
    static final int MAX_WAIT_MINUTES = 365 * 24 * 60;
    static final Set<String> CONDITIONS = Set.of("always", "no_reply", "no_open", "no_click");
    static final int MAX_OOO_PAUSE_DAYS = 90;
    /** {@code campaigns.bounce_shield_threshold} is NUMERIC(5, 4). */
    static final int THRESHOLD_SCALE = 4;

    private CampaignParser() {}

    /** A draft campaign from the create body; spacing falls back to the given defaults. */
    static Campaign campaign(
            CampaignRequests.Create body, UUID tenantId, int defaultMinSpacing, int defaultMaxSpacing) {
        if (body == null) {
            throw new BadRequestException("a JSON body is required");
        }
        String name = body.name() == null ? "" : body.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new BadRequestException("name is required, at most " + MAX_NAME_LENGTH + " characters");
        }
        String zone = zone(body.timezone());
        CampaignRequests.Window window =
                body.sendingWindow() == null ? new CampaignRequests.Window(null, null, null) : body.sendingWindow();
        LocalTime start = time(window.start(), "09:00", "sending_window.start");
        LocalTime end = time(window.end(), "17:00", "sending_window.end");
        if (!start.isBefore(end)) {
            throw new BadRequestException("sending_window.start must be before sending_window.end");
        }
        CampaignRequests.Tracking tracking =
                body.tracking() == null ? new CampaignRequests.Tracking(false, false) : body.tracking();
        int[] spacing = spacing(body.spacing(), defaultMinSpacing, defaultMaxSpacing);
        return new Campaign(
                UUID.randomUUID(),
                tenantId,
                name,
                "draft",
                zone,
                days(window.days()),
                start,
                end,
                spacing[0],
                spacing[1],
                Boolean.TRUE.equals(tracking.opens()),
                Boolean.TRUE.equals(tracking.clicks()),
                null,
                null,
                null,
                null);
    }

    /**
     * The engagement rules of a create or update body: what it gives replaces {@code current}, the rest is kept.
     */
    static EngagementSettings engagement(
            CampaignRequests.BounceShield shield, Integer oooPauseDays, EngagementSettings current) {
        BigDecimal threshold = shield == null || shield.threshold() == null
                ? current.bounceShieldThreshold()
                : threshold(shield.threshold());
        int days = oooPauseDays == null ? current.oooPauseDays() : oooPauseDays;
        if (days < 1 || days > MAX_OOO_PAUSE_DAYS) {
            throw new BadRequestException("ooo_pause_days must be 1 to " + MAX_OOO_PAUSE_DAYS);
        }
        return new EngagementSettings(threshold, days);
    }

    private static BigDecimal threshold(BigDecimal threshold) {
        BigDecimal exact = threshold.stripTrailingZeros();
        if (exact.signum() < 0 || exact.compareTo(BigDecimal.ONE) > 0 || exact.scale() > THRESHOLD_SCALE) {
            throw new BadRequestException(
                    "bounce_shield.threshold must be a fraction from 0 to 1 with at most 4 decimals (0.05 = 5%)");
        }
        return exact.setScale(THRESHOLD_SCALE);
    }

    /** The mailbox ids of the create body: at least one, no duplicates. */
    static List<UUID> mailboxes(List<UUID> ids) {
        if (ids == null || ids.isEmpty() || ids.contains(null)) {
            throw new BadRequestException("email_account_ids must list at least one mailbox id");
        }
        if (ids.size() > MAX_MAILBOXES || Set.copyOf(ids).size() != ids.size()) {
            throw new BadRequestException("email_account_ids must be distinct, at most " + MAX_MAILBOXES);
        }
        return List.copyOf(ids);
    }

    /** The steps of a body, numbered from 1; dates without a time mean midnight in {@code zone}. */
    static List<CampaignStep> steps(List<CampaignRequests.Step> body, ZoneId zone) {
        if (body == null || body.isEmpty() || body.size() > MAX_STEPS) {
            throw new BadRequestException("steps must hold 1 to " + MAX_STEPS + " steps");
        }
        List<CampaignStep> steps = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            steps.add(step(body.get(i), i + 1, zone));
        }
        if (steps.stream().noneMatch(step -> "email".equals(step.stepType()))) {
            throw new BadRequestException("steps must contain at least one email step");
        }
        if ("condition".equals(steps.get(steps.size() - 1).stepType())) {
            throw new BadRequestException("a condition guards the step after it, so it cannot be the last step");
        }
        return steps;
    }

    private static CampaignStep step(CampaignRequests.Step step, int order, ZoneId zone) {
        String where = "steps[" + (order - 1) + "]";
        if (step == null || step.type() == null) {
            throw new BadRequestException(where + ".type is required (email, wait or condition)");
        }
        return switch (step.type()) {
            case "email" -> email(step, order, where);
            case "wait" -> waitStep(step, order, where, zone);
            case "condition" -> condition(step, order, where);
            default -> throw new BadRequestException(where + ".type must be email, wait or condition");
        };
    }

    private static CampaignStep email(CampaignRequests.Step step, int order, String where) {
        if (step.templateId() == null) {
            throw new BadRequestException(where + ".template_id is required for an email step");
        }
        return new CampaignStep(
                UUID.randomUUID(),
                order,
                "email",
                step.templateId(),
                blankToNull(step.subjectOverride(), where + ".subject_override"),
                blankToNull(step.fromNameOverride(), where + ".from_name_override"),
                null,
                null,
                null,
                0);
    }

    private static CampaignStep waitStep(CampaignRequests.Step step, int order, String where, ZoneId zone) {
        int given = (step.hours() != null ? 1 : 0) + (step.minutes() != null ? 1 : 0) + (step.until() != null ? 1 : 0);
        if (given != 1) {
            throw new BadRequestException(where + " needs exactly one of hours, minutes or until");
        }
        if (step.until() != null) {
            return new CampaignStep(
                    UUID.randomUUID(),
                    order,
                    "wait",
                    null,
                    null,
                    null,
                    null,
                    until(step.until(), where, zone),
                    null,
                    0);
        }
        long minutes = step.hours() != null ? step.hours() * 60L : step.minutes();
        if (minutes <= 0 || minutes > MAX_WAIT_MINUTES) {
            throw new BadRequestException(where + " must wait more than 0 and at most 365 days");
        }
        return new CampaignStep(UUID.randomUUID(), order, "wait", null, null, null, (int) minutes, null, null, 0);
    }

    private static CampaignStep condition(CampaignRequests.Step step, int order, String where) {
        if (step.condition() == null || !CONDITIONS.contains(step.condition())) {
            throw new BadRequestException(where + ".condition must be one of always, no_reply, no_open, no_click");
        }
        return new CampaignStep(
                UUID.randomUUID(), order, "condition", null, null, null, null, null, step.condition(), 0);
    }

    private static Instant until(String text, String where, ZoneId zone) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(text).atStartOfDay(zone).toInstant();
            } catch (DateTimeParseException again) {
                throw new BadRequestException(where + ".until must be an ISO-8601 date-time or date");
            }
        }
    }

    private static String zone(String timezone) {
        if (timezone == null || timezone.isBlank()) {
            return "UTC";
        }
        try {
            return ZoneId.of(timezone.strip()).getId();
        } catch (DateTimeException e) {
            throw new BadRequestException("timezone is not a known time zone: " + timezone);
        }
    }

    private static List<Integer> days(List<Integer> days) {
        if (days == null) {
            return List.of(1, 2, 3, 4, 5);
        }
        if (days.isEmpty() || days.stream().anyMatch(day -> day == null || day < 1 || day > 7)) {
            throw new BadRequestException("sending_window.days must hold ISO days 1 (Monday) to 7 (Sunday)");
        }
        return List.copyOf(new TreeSet<>(days));
    }

    private static LocalTime time(String text, String fallback, String field) {
        try {
            return LocalTime.parse(text == null ? fallback : text);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(field + " must be a time HH:MM");
        }
    }

    private static int[] spacing(CampaignRequests.Spacing spacing, int defaultMin, int defaultMax) {
        int min = spacing == null || spacing.minSeconds() == null ? defaultMin : spacing.minSeconds();
        int max = spacing == null || spacing.maxSeconds() == null ? Math.max(min, defaultMax) : spacing.maxSeconds();
        if (min < 0 || max < min || max > 86_400) {
            throw new BadRequestException("spacing must satisfy 0 <= min_seconds <= max_seconds <= 86400");
        }
        return new int[] {min, max};
    }

    private static String blankToNull(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() > 500) {
            throw new BadRequestException(field + " is longer than 500 characters");
        }
        return text.strip();
    }
}
