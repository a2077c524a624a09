package io.penguinmails.campaign.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The RFC 9457 body of every error answer, sent as {@code application/problem+json}.
 *
 * @param type always {@code about:blank}: the status says what kind of problem it is
 * @param detail what was wrong with this request, naming the field or object
 */
@Schema(name = "Problem", description = "An error, as RFC 9457 application/problem+json")
public record Problem(
        @Schema(examples = "about:blank") String type,
        @Schema(examples = "Unprocessable Entity") String title,
        @Schema(examples = "422") int status,
        @Schema(examples = "steps[0].subject_override uses unknown variables without fallback: shoe_size")
                String detail) {}
