package io.penguinmails.campaign;

import java.time.Instant;
import java.util.UUID;

/**
 * A named list of leads of one tenant; imports add to it, campaigns enroll from it.
 *
 * @param leads how many leads it holds
 */
public record LeadList(UUID id, String name, long leads, Instant created) {}
