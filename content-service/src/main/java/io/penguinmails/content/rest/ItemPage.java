package io.penguinmails.content.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One page of a keyset listing; {@code next_cursor} is null on the last page. */
public record ItemPage<T>(@JsonProperty("items") List<T> items, @JsonProperty("next_cursor") String nextCursor) {}
