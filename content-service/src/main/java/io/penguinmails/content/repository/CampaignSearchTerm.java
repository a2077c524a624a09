package io.penguinmails.content.repository;

/**
 * The term that puts a campaign's messages into the full-text index: {@code campaign=<id>}, stored in
 * {@code search_tsv} next to the words. A search within a campaign then asks the index for both, and a word that is
 * common in the tenant but absent from the campaign costs one index lookup instead of testing every message of the
 * campaign. No text a user searches for produces it: the {@code simple} parser never keeps {@code =} inside a word.
 */
final class CampaignSearchTerm {

    private CampaignSearchTerm() {}

    /** The lexeme of a campaign, or null without one. */
    static String lexeme(String campaignId) {
        return campaignId == null ? null : "campaign=" + campaignId;
    }

    /** The lexeme as a {@code tsquery} literal: quoted, so that it is taken as it is. */
    static String query(String campaignId) {
        return "'" + lexeme(campaignId).replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
