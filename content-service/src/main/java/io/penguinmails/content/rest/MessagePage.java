package io.penguinmails.content.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.penguinmails.content.MessageSummary;
import java.util.List;

/** One page of a message listing; {@code next_cursor} is null on the last page. */
public record MessagePage(
        @JsonProperty("items") List<MessageSummary> items, @JsonProperty("next_cursor") String nextCursor) {}
