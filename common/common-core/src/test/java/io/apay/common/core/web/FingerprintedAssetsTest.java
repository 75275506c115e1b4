package io.apay.common.core.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FingerprintedAssetsTest {

    @Test
    void eachNamedFileGetsItsContentHashInItsNameAndIndexPointsThere() {
        FingerprintedAssets assets = new FingerprintedAssets("assets-ok", "/page/");
        String index = new String(assets.index(), StandardCharsets.UTF_8);
        assertThat(index).matches("<link href=\"/page/assets/a\\.[0-9a-f]{12}\\.css\"><script src=\"/page/assets/js/b\\.[0-9a-f]{12}\\.js\">"
                + "</script><script src=\"/page/assets/js/b\\.[0-9a-f]{12}\\.js\"></script>\n");
        String css = index.substring(index.indexOf("/page/assets/a."), index.indexOf(".css") + 4);
        assertThat(assets.asset(css).contentType()).isEqualTo("text/css; charset=utf-8");
        assertThat(new String(assets.asset(css).content(), StandardCharsets.UTF_8)).isEqualTo("body{}\n");
        assertThat(assets.asset("/page/assets/a.css")).as("only the fingerprinted name").isNull();
    }

    @Test
    void aPlaceholderThatNamesNoAssetStopsTheStart() {
        assertThatThrownBy(() -> new FingerprintedAssets("assets-typo", "/page/"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("{{ b.js }}");
    }
}
