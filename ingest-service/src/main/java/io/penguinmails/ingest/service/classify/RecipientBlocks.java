package io.penguinmails.ingest.service.classify;

import java.util.Map;

/**
 * The free text of a bounce cut into one block per failed recipient.
 *
 * @param byRecipient each recipient's lines (the line naming it and those that follow until the next recipient), in
 *     report order
 * @param preamble the lines before the first recipient; some systems explain the failure there
 */
public record RecipientBlocks(Map<String, String> byRecipient, String preamble) {

    /**
     * The text that explains a recipient's failure: its block, and also the preamble when the block states neither a
     * code nor a recognisable reason (Lotus Notes and Verizon write the reason above the address).
     */
    public String explanation(String recipient) {
        String block = byRecipient.getOrDefault(recipient, "");
        boolean explains = SmtpText.status(block) != null
                || SmtpText.replyCode(block) != null
                || ReasonPhrases.saysAny(ReasonPhrases.prepare(block));
        return explains ? block : preamble + "\n" + block;
    }
}
