package io.penguinmails.campaign;

/**
 * A CSV row an import left out.
 *
 * @param row the data row number, 1 for the first row under the header
 * @param reason why it was left out
 * @param raw the row's values joined with commas, shortened when long
 */
public record LeadImportReject(int row, String reason, String raw) {}
