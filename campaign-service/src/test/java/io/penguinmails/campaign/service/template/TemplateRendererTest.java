package io.penguinmails.campaign.service.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateRendererTest {

    @Test
    void substitutesValuesAndFallbacks() {
        String text = "Hi {{first_name|there}}, how is {{ Company }}?";

        assertThat(TemplateRenderer.render(text, Map.of("first_name", "Ada", "company", "Acme")))
                .isEqualTo("Hi Ada, how is Acme?");
        assertThat(TemplateRenderer.render(text, Map.of("first_name", " ", "company", "Acme")))
                .isEqualTo("Hi there, how is Acme?");
    }

    @Test
    void refusesAMissingValueWithoutFallback() {
        assertThatThrownBy(() -> TemplateRenderer.render("Hi {{first_name}}", Map.of()))
                .isInstanceOf(TemplateRenderer.MissingVariableException.class)
                .hasMessageContaining("first_name");
    }

    @Test
    void escapesOnlySubstitutedValues() {
        String html = "<p>Hi {{first_name}}</p>";

        String rendered =
                TemplateRenderer.render(html, Map.of("first_name", "<b>Ada</b> & co"), v -> v.replace("&", "&amp;")
                        .replace("<", "&lt;")
                        .replace(">", "&gt;"));

        assertThat(rendered).isEqualTo("<p>Hi &lt;b&gt;Ada&lt;/b&gt; &amp; co</p>");
    }

    @Test
    void listsPlaceholdersOncePerName() {
        assertThat(TemplateRenderer.placeholders("{{a}} {{b|x}} {{A|y}} {{c.d}} $1 {{ not closed"))
                .containsExactly(
                        new TemplateRenderer.Placeholder("a", "y"),
                        new TemplateRenderer.Placeholder("b", "x"),
                        new TemplateRenderer.Placeholder("c.d", null));
    }

    @Test
    void requiredNamesAreThoseUsedAtLeastOnceWithoutFallback() {
        assertThat(TemplateRenderer.required("{{a}} {{b|x}} {{A|y}} {{c}} {{c}} {{d|}}"))
                .containsExactly("a", "c");
        assertThat(TemplateRenderer.required(null)).isEmpty();
    }

    @Test
    void keepsDollarSignsAndBackslashesInValues() {
        assertThat(TemplateRenderer.render("Price: {{price}}", Map.of("price", "$5 \\o/")))
                .isEqualTo("Price: $5 \\o/");
    }
}
