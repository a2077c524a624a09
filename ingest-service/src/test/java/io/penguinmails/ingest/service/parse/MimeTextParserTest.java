package io.penguinmails.ingest.service.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Body text decoding: charsets, format=flowed and HTML to text. */
class MimeTextParserTest {

    private final Problems problems = new Problems();

    @Test
    void legacyLabelsAreReadAsTheirWindowsSupersets() {
        assertThat(decode(new byte[] {(byte) 0x80, '5'}, "iso-8859-1")).isEqualTo("€5");
        assertThat(decode("镕".getBytes(Charset.forName("GBK")), "gb2312")).isEqualTo("镕");
        assertThat(decode("①".getBytes(Charset.forName("windows-31j")), "Shift_JIS"))
                .isEqualTo("①");
        assertThat(decode("Привет".getBytes(Charset.forName("koi8-r")), "\"KOI8-R\""))
                .isEqualTo("Привет");
        assertThat(problems.list()).isEmpty();
    }

    @Test
    void sevenBitCharsetsAreNotTakenForAscii() {
        byte[] jis = "お世話".getBytes(Charset.forName("iso-2022-jp"));
        assertThat(decode(jis, "iso-2022-jp")).isEqualTo("お世話");
    }

    @Test
    void utf8UnderAWrongLabelIsReadAsUtf8() {
        assertThat(decode("日本".getBytes(StandardCharsets.UTF_8), "iso-2022-jp")).isEqualTo("日本");
        assertThat(problems.list()).singleElement().asString().contains("declared ISO-2022-JP but is UTF-8");
    }

    @Test
    void utf7IsDecodedThoughJavaLacksIt() {
        byte[] utf7 = "Hi Mom -+Jjo--! 1 +- 1 = 2, +AKM-1".getBytes(StandardCharsets.US_ASCII);
        assertThat(decode(utf7, "unicode-1-1-utf-7")).isEqualTo("Hi Mom -☺-! 1 + 1 = 2, £1");
        assertThat(problems.list()).isEmpty();
    }

    @Test
    void undeclaredAndUnknownCharsetsAreGuessed() {
        assertThat(decode("naïve".getBytes(StandardCharsets.UTF_8), null)).isEqualTo("naïve");
        assertThat(decode("naïve".getBytes(Charsets.WINDOWS_1252), null)).isEqualTo("naïve");
        assertThat(decode("naïve".getBytes(StandardCharsets.UTF_8), "us-ascii")).isEqualTo("naïve");
        assertThat(problems.list())
                .containsExactly(
                        "part 1: 8-bit text with no charset, read as windows-1252",
                        "part 1: 8-bit text with charset us-ascii, read as UTF-8");
    }

    @Test
    void mostlyValidUtf8KeepsItsCharactersAndMarksTheBadByte() {
        byte[] bytes = {'c', (byte) 0xC3, (byte) 0xA9, ' ', (byte) 0xFF};
        assertThat(decode(bytes, "utf-8")).isEqualTo("cé \uFFFD");
        assertThat(problems.list()).singleElement().asString().contains("invalid UTF-8");
    }

    @Test
    void flowedTextWithoutDelSpKeepsTheSoftBreakSpace() {
        assertThat(FlowedText.decode("one \ntwo\n>> quoted \n>> more\n> less\n-- \nsig\n", false))
                .isEqualTo("one two\n>> quoted more\n> less\n-- \nsig\n");
    }

    @Test
    void flowedParagraphEndsWhereTheQuoteDepthChanges() {
        assertThat(FlowedText.decode("> soft \nnew paragraph\n", false)).isEqualTo("> soft \nnew paragraph\n");
    }

    @Test
    void htmlTextKeepsPreformattedTextAndSkipsWhatIsNotShown() {
        String html = "<html><head><title>t</title></head><body><p>A&amp;B</p><pre>  x\n  y</pre>"
                + "<noscript>no</noscript><table><tr><th>k</th><td>v</td></tr><tr><td>w</td></tr></table></body></html>";
        assertThat(HtmlText.of(html)).isEqualTo("A&B\n\n  x\n  y\n\nk v\nw");
    }

    private String decode(byte[] bytes, String charset) {
        return Charsets.decode(bytes, charset, problems, "part 1");
    }
}
