package io.penguinmails.campaign.service.lead;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides what each CSV column feeds. A column named in the mapping goes where the mapping says; otherwise its header
 * is matched tolerantly ("First Name", "first_name", "FirstName" and "given name" all mean {@code first_name}; "E-mail"
 * and "Email Address" mean {@code email}); any other column becomes a custom field whose key is the header in
 * lower-case snake case, so templates can name it. The target {@code ignore} drops a column.
 */
public final class CsvColumns {

    /** The mapping target that drops a column. */
    public static final String IGNORE = "ignore";

    private static final Map<String, String> ALIASES = aliases();

    private final List<String> targets;

    private CsvColumns(List<String> targets) {
        this.targets = targets;
    }

    /**
     * The targets of a header row.
     *
     * @param mapping CSV column name (matched case-insensitively, blanks trimmed) to target field
     * @throws IllegalArgumentException when a mapping names a column the header lacks, or no column gives the email
     */
    public static CsvColumns of(List<String> header, Map<String, String> mapping) {
        Map<String, String> byColumn = new HashMap<>();
        mapping.forEach((column, target) -> byColumn.put(column.strip().toLowerCase(Locale.ROOT), target));
        List<String> targets = new ArrayList<>();
        for (String column : header) {
            String mapped = byColumn.remove(column.strip().toLowerCase(Locale.ROOT));
            targets.add(mapped != null ? target(mapped) : target(column));
        }
        if (!byColumn.isEmpty()) {
            throw new IllegalArgumentException("the mapping names columns the CSV header lacks: " + byColumn.keySet());
        }
        if (!targets.contains("email")) {
            throw new IllegalArgumentException("no column holds the e-mail address (name one email, or map it with"
                    + " map.<column>=email); header: " + header);
        }
        return new CsvColumns(targets);
    }

    /** The target of column {@code index}: a known lead field, a custom field key or {@link #IGNORE}. */
    public String target(int index) {
        return index < targets.size() ? targets.get(index) : IGNORE;
    }

    /** How many columns the header has. */
    public int size() {
        return targets.size();
    }

    /** The field a header or mapping target names: an alias is resolved, anything else becomes a custom key. */
    static String target(String name) {
        String key = key(name);
        if (key.isEmpty()) {
            return IGNORE;
        }
        return ALIASES.getOrDefault(key.replace("_", ""), key);
    }

    /** A name in lower-case snake case: runs of anything but letters and digits become one '_'. */
    static String key(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "_");
        return lower.replaceAll("^_+|_+$", "");
    }

    private static Map<String, String> aliases() {
        Map<String, String> aliases = new LinkedHashMap<>();
        for (String alias : List.of("email", "e_mail", "mail", "email_address", "e_mail_address", "emailaddress")) {
            aliases.put(alias.replace("_", ""), "email");
        }
        for (String alias : List.of("first_name", "firstname", "first", "given_name", "forename")) {
            aliases.put(alias.replace("_", ""), "first_name");
        }
        for (String alias : List.of("last_name", "lastname", "last", "surname", "family_name")) {
            aliases.put(alias.replace("_", ""), "last_name");
        }
        for (String alias : List.of("company", "company_name", "organization", "organisation", "account")) {
            aliases.put(alias.replace("_", ""), "company");
        }
        for (String alias : List.of("position", "title", "job_title", "role")) {
            aliases.put(alias.replace("_", ""), "position");
        }
        for (String alias : List.of("timezone", "time_zone", "tz")) {
            aliases.put(alias.replace("_", ""), "timezone");
        }
        aliases.put(IGNORE, IGNORE);
        return aliases;
    }
}
