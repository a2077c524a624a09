package io.penguinmails.ingest.service.parse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What was wrong with one message, in the order it was found. Repeats are dropped and the list is capped, because a
 * single damaged base64 attachment can otherwise report thousands of identical faults.
 */
public final class Problems {

    static final int MAX = 50;

    private final Set<String> seen = new LinkedHashSet<>();
    private boolean truncated;

    /** Records one problem; a repeat of an earlier one is ignored. */
    public void add(String problem) {
        if (seen.size() < MAX) {
            seen.add(problem);
        } else if (!seen.contains(problem)) {
            truncated = true;
        }
    }

    /** The problems found so far, with a last line saying when more were left out. */
    public List<String> list() {
        List<String> result = new ArrayList<>(seen);
        if (truncated) {
            result.add("more problems were found and not listed");
        }
        return List.copyOf(result);
    }
}
