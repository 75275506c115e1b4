package io.apay.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The console's static files: index.html never cached, every asset it names fingerprinted and cached for a year. */
class ConsolePagesTest {

    final WebTestClient client = WebTestClient.bindToRouterFunction(new ConsolePages().consoleRoutes()).build();

    @Test
    void indexIsRevalidatedEveryTimeAndNamesOnlyFingerprintedAssetsThatAreCachedForAYear() {
        byte[] html = client.get().uri("/console/").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Cache-Control", "no-cache")
                .expectHeader().valueEquals("Content-Security-Policy", ConsolePages.CSP)
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectBody().returnResult().getResponseBody();
        String page = new String(html, StandardCharsets.UTF_8);
        assertThat(page).doesNotContain("{{");
        List<String> assets = new ArrayList<>();
        Matcher m = Pattern.compile("(?:src|href)=\"(/console/assets/[^\"]+)\"").matcher(page);
        while (m.find()) {
            assets.add(m.group(1));
        }
        assertThat(assets).hasSizeGreaterThan(10).allMatch(a -> a.matches("/console/assets/[a-z0-9/-]+\\.[0-9a-f]{12}\\.(js|css|svg)"));
        for (String asset : assets) {
            client.get().uri(asset).exchange().expectStatus().isOk()
                    .expectHeader().valueEquals("Cache-Control", "max-age=31536000, public, immutable")
                    .expectHeader().value("Content-Type", t -> assertThat(t).matches("(text/javascript|text/css|image/svg\\+xml).*"));
        }
        // the page never takes a script from elsewhere, and has none inline (the CSP would refuse it anyway)
        assertThat(page).doesNotContain("<script>").doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void headAnswersTheSameHeadersAsGet() {
        client.head().uri("/console/").exchange().expectStatus().isOk()
                .expectHeader().valueEquals("Cache-Control", "no-cache")
                .expectHeader().valueEquals("Content-Security-Policy", ConsolePages.CSP);
        String page = new String(client.get().uri("/console/").exchange().expectBody().returnResult().getResponseBody(), StandardCharsets.UTF_8);
        Matcher css = Pattern.compile("/console/assets/console\\.[0-9a-f]{12}\\.css").matcher(page);
        assertThat(css.find()).isTrue();
        client.head().uri(css.group()).exchange().expectStatus().isOk()
                .expectHeader().valueEquals("Cache-Control", "max-age=31536000, public, immutable");
    }

    @Test
    void theBarePathRedirectsToTheFolder() {
        client.get().uri("/console").exchange().expectStatus().isEqualTo(301).expectHeader().valueEquals("Location", "/console/");
    }
}
