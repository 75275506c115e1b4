package io.apay.common.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"Alice", "张三", "Zoë O'Brien-Smith", "مرحبا", "👨‍👩‍👧 family", "नमस्ते", "a\u200Cb", "note: 100% (ok) <b>", "❤️"})
    void ordinaryTextPasses(String text) {
        assertThat(PlainText.Validator.isPlain(text, false)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "\u001b[31mred\u001b[0m", "bell\u0007", "del\u007f", "c1\u0085", "c1\u009b31m",
            "invoice\u202Etxt.exe", "\u202Aembedded", "\u2066isolate\u2069", "\u200Finvisible", "zero\u200Bwidth", "\uFEFFbom",
            "soft\u00ADhyphen", "line\u2028sep", "para\u2029sep", "tag\uDB40\uDC41", "lone\uD800", "lone\uDC00x", "non\uFFFE", "non\uFDD0",
            "cr\r", "two\nlines", "tab\there"})
    void controlAndInvisibleCharactersAreRefusedOnOneLine(String text) {
        assertThat(PlainText.Validator.isPlain(text, false)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"first line\nsecond line", "col1\tcol2"})
    void aMultiLineFieldAllowsLineFeedAndTab(String text) {
        assertThat(PlainText.Validator.isPlain(text, true)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nb", "a\u0000\nb", "a\u202E\nb", "a\u000Bb"})
    void aMultiLineFieldStillRefusesTheRest(String text) {
        assertThat(PlainText.Validator.isPlain(text, true)).isFalse();
    }
}
