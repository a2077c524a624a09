package io.penguinmails.ingest.service.parse;

import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * The readable text of an HTML body, for messages that have no text/plain part: block elements and {@code <br>}
 * become line breaks (paragraph-like blocks a blank line), list items get a dash, runs of white space collapse except
 * inside {@code <pre>}, and scripts, styles and the head are left out.
 */
public final class HtmlText {

    private static final Set<String> PARAGRAPHS =
            Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "blockquote", "pre", "hr");
    private static final Set<String> LINES = Set.of(
            "div",
            "li",
            "tr",
            "dt",
            "dd",
            "section",
            "article",
            "header",
            "footer",
            "nav",
            "aside",
            "main",
            "address",
            "form",
            "fieldset",
            "center",
            "caption",
            "figure",
            "figcaption",
            "details",
            "summary");
    private static final Set<String> HIDDEN =
            Set.of("head", "script", "style", "template", "title", "noscript", "object", "iframe", "svg");

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private HtmlText() {}

    /** The text a reader of the rendered HTML would see, with {@code \n} line breaks. */
    public static String of(String html) {
        Collector collector = new Collector();
        NodeTraversor.filter(collector, Jsoup.parse(html).body());
        return collector.text();
    }

    /** Walks the tree once, writing text and breaks. */
    private static final class Collector implements NodeFilter {
        private final StringBuilder out = new StringBuilder();
        private int preformatted;

        @Override
        public FilterResult head(Node node, int depth) {
            if (node instanceof TextNode text) {
                text(text.getWholeText());
            } else if (node instanceof Element element) {
                return open(element.normalName());
            }
            return FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (node instanceof Element element) {
                String name = element.normalName();
                preformatted -= name.equals("pre") ? 1 : 0;
                breakFor(name);
            }
            return FilterResult.CONTINUE;
        }

        private FilterResult open(String name) {
            if (HIDDEN.contains(name)) {
                return FilterResult.SKIP_ENTIRELY;
            }
            preformatted += name.equals("pre") ? 1 : 0;
            if (name.equals("br")) {
                newlines(1, true);
            } else if ((name.equals("td") || name.equals("th")) && !atLineStart()) {
                out.append(' ');
            }
            breakFor(name);
            if (name.equals("li")) {
                out.append("- ");
            }
            return FilterResult.CONTINUE;
        }

        private void breakFor(String name) {
            if (PARAGRAPHS.contains(name)) {
                newlines(2, false);
            } else if (LINES.contains(name)) {
                newlines(1, false);
            }
        }

        private void text(String text) {
            String clean = text.replace('\u00a0', ' ');
            if (preformatted > 0) {
                out.append(clean);
                return;
            }
            clean = WHITESPACE.matcher(clean).replaceAll(" ");
            if (clean.startsWith(" ") && (atLineStart() || out.charAt(out.length() - 1) == ' ')) {
                clean = clean.substring(1);
            }
            out.append(clean);
        }

        /** Ends the current line so that {@code count} line breaks stand there; {@code always} adds one regardless. */
        private void newlines(int count, boolean always) {
            while (!out.isEmpty() && out.charAt(out.length() - 1) == ' ') {
                out.setLength(out.length() - 1);
            }
            if (always) {
                out.append('\n');
                return;
            }
            int present = 0;
            while (present < out.length() && out.charAt(out.length() - 1 - present) == '\n') {
                present++;
            }
            for (int i = present; i < count && !out.isEmpty(); i++) {
                out.append('\n');
            }
        }

        private boolean atLineStart() {
            return out.isEmpty() || out.charAt(out.length() - 1) == '\n';
        }

        String text() {
            return out.toString()
                    .replaceAll("[ \\t]+\\n", "\n")
                    .replaceAll("\\n{3,}", "\n\n")
                    .strip();
        }
    }
}
