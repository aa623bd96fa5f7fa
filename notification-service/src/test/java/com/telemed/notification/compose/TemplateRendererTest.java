package com.telemed.notification.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.telemed.notification.mailbox.Links;

class TemplateRendererTest {

    private final TemplateRenderer renderer = new TemplateRenderer();

    @Test
    void escapesValuesInHtmlButNotInText() {
        Rendered r = renderer.render(Template.DOCTOR_TEMPORARY_PASSWORD, Lang.ES, Map.of(
                "name", "Ana <script>alert(1)</script> & Co", "password", "p<&>\"'",
                "login_url", "http://localhost:8080/login", "expires_at", "mañana"));
        assertThat(r.subject()).isEqualTo("Tu acceso a Telemed: contraseña temporal");
        assertThat(r.text()).contains("Hola, Ana <script>alert(1)</script> & Co:").contains("p<&>\"'");
        assertThat(r.html()).doesNotContain("<script>")
                .contains("Ana &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co")
                .contains("p&lt;&amp;&gt;&quot;&#39;")
                .contains("<html lang=\"es\">")
                .contains("href=\"http://localhost:8080/login\"");
    }

    @Test
    void writesEnglishForEnglishLocalesAndSpanishOtherwise() {
        assertThat(Lang.of("en-US")).isEqualTo(Lang.EN);
        assertThat(Lang.of("EN")).isEqualTo(Lang.EN);
        assertThat(Lang.of("es-ES")).isEqualTo(Lang.ES);
        assertThat(Lang.of("fr")).isEqualTo(Lang.ES);
        assertThat(Lang.of(null)).isEqualTo(Lang.ES);
        Rendered en = renderer.render(Template.PASSWORD_RESET, Lang.EN,
                Map.of("reset_url", "http://x/login/restablecer?token=abc", "expires_at", "tomorrow"));
        assertThat(en.subject()).isEqualTo("Reset your Telemed password");
        assertThat(en.html()).contains("<html lang=\"en\">").contains("href=\"http://x/login/restablecer?token=abc\"");
    }

    @Test
    void everyTemplateExistsInBothLanguagesAndRefusesAMissingValue() {
        for (Template template : Template.values()) {
            for (Lang lang : Lang.values()) {
                assertThatThrownBy(() -> renderer.render(template, lang, Map.of()))
                        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("No value for placeholder");
            }
        }
    }

    @Test
    void formatsDatesTimesAndMoneyForEachLanguage() {
        Instant at = Instant.parse("2026-03-29T08:00:00Z");
        ZoneId madrid = ZoneId.of("Europe/Madrid");
        assertThat(Formats.date(at, madrid, Lang.ES)).isEqualTo("domingo, 29 de marzo de 2026");
        assertThat(Formats.date(at, madrid, Lang.EN)).isEqualTo("Sunday, 29 March 2026");
        assertThat(Formats.time(at, madrid)).isEqualTo("10:00");
        assertThat(Formats.money(4500, "eur", Lang.ES)).isEqualTo("45,00\u00a0€");
        assertThat(Formats.money(4500, "eur", Lang.EN)).isEqualTo("€45.00");
        assertThat(Formats.money(4500, "jpy", Lang.EN)).isEqualTo("JP¥4,500");
        assertThat(Formats.zone("Not/AZone", "Europe/Madrid")).isEqualTo(madrid);
    }

    @Test
    void findsTheLinksInAMessage() {
        assertThat(Links.in("Entra aquí: http://localhost:8080/acceso?token=a%2Bb.\nO aquí (https://x.test/y), "
                + "otra vez http://localhost:8080/acceso?token=a%2Bb"))
                .containsExactly("http://localhost:8080/acceso?token=a%2Bb", "https://x.test/y");
    }
}
