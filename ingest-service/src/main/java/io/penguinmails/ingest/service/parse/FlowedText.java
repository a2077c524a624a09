package io.penguinmails.ingest.service.parse;

/**
 * Decodes {@code format=flowed} text (RFC 3676): soft-broken lines, which end in a space, are joined into the
 * paragraph they belong to, per quote depth; space-stuffing is removed; with {@code DelSp=yes} the space that marked
 * the soft break is deleted too. The signature separator {@code "-- "} is never joined.
 */
public final class FlowedText {

    private FlowedText() {}

    /** The unwrapped text, with {@code \n} line breaks. */
    public static String decode(String text, boolean delSp) {
        String[] lines = text.split("\n", -1);
        int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
        Unwrapper unwrapper = new Unwrapper(delSp, text.length());
        for (int i = 0; i < count; i++) {
            unwrapper.line(lines[i]);
        }
        return unwrapper.finish();
    }

    /** Joins lines into paragraphs as they come. */
    private static final class Unwrapper {
        private final boolean delSp;
        private final StringBuilder out;
        private StringBuilder paragraph;
        private int depth;

        Unwrapper(boolean delSp, int size) {
            this.delSp = delSp;
            this.out = new StringBuilder(size);
        }

        void line(String line) {
            int lineDepth = quoteDepth(line);
            String content = unstuff(line.substring(lineDepth));
            boolean flowed = content.endsWith(" ") && !content.equals("-- ");
            if (paragraph != null && lineDepth != depth) {
                // RFC 3676 4.5: a change of quote depth ends a paragraph even after a soft break.
                emit();
            }
            if (paragraph == null) {
                paragraph = new StringBuilder();
                depth = lineDepth;
            }
            paragraph.append(flowed && delSp ? content.substring(0, content.length() - 1) : content);
            if (!flowed) {
                emit();
            }
        }

        String finish() {
            if (paragraph != null) {
                emit();
            }
            return out.toString();
        }

        private void emit() {
            if (depth > 0) {
                out.append(">".repeat(depth)).append(' ');
            }
            out.append(paragraph).append('\n');
            paragraph = null;
        }

        private static int quoteDepth(String line) {
            int quotes = 0;
            while (quotes < line.length() && line.charAt(quotes) == '>') {
                quotes++;
            }
            return quotes;
        }

        private static String unstuff(String content) {
            return content.startsWith(" ") ? content.substring(1) : content;
        }
    }
}
