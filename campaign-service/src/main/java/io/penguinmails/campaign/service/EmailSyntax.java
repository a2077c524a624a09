package io.penguinmails.campaign.service;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A practical check of e-mail address syntax: a dot-atom local part, an '@' and a domain of at least two labels whose
 * top-level label is alphabetic (or punycode). Quoted local parts and IP literals are refused: no mailbox provider
 * hands them out, and a lead list containing them is nearly always a typo.
 */
public final class EmailSyntax {

    private static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL_LENGTH = 64;
    private static final Pattern ADDRESS =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+([A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})");

    private EmailSyntax() {}

    /** Whether the text is a valid address (without surrounding blanks). */
    public static boolean isValid(String address) {
        if (address == null || address.length() > MAX_LENGTH) {
            return false;
        }
        int at = address.lastIndexOf('@');
        return at > 0 && at <= MAX_LOCAL_LENGTH && ADDRESS.matcher(address).matches();
    }

    /** The address stripped and lower-cased, the form leads, suppressions and mailboxes are compared in. */
    public static String normalise(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }
}
