package io.apay.common.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
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

    /** Text that must be kept (a buyer's remark on a real payment): each refused character becomes U+FFFD. */
    @Test
    void sanitizeReplacesEveryRefusedCharacterAndKeepsTheRest() {
        assertThat(PlainText.Validator.sanitize("buyer\u202Egnp.exe\u001b[31m red\u0000\n\ttab", 256))
                .isEqualTo("buyer\uFFFDgnp.exe\uFFFD[31m red\uFFFD\uFFFD\uFFFDtab");
        assertThat(PlainText.Validator.sanitize("lone\uD800 and \uDC00", 256)).isEqualTo("lone\uFFFD and \uFFFD");
        assertThat(PlainText.Validator.sanitize("张三 👨‍👩‍👧 ok", 256)).isEqualTo("张三 👨‍👩‍👧 ok");
        assertThat(PlainText.Validator.sanitize(null, 10)).isNull();
        assertThat(PlainText.Validator.isPlain(PlainText.Validator.sanitize("a\u0000\u202E\uD800\uFFFE\u2028b", 256), false)).isTrue();
    }

    /** The cut falls between code points: a surrogate pair is kept whole or left out, never split. */
    @Test
    void sanitizeCutsOnACodePointBoundary() {
        String text = "a".repeat(127) + "😀😀";
        String cut = PlainText.Validator.sanitize(text, 128);
        assertThat(cut).isEqualTo("a".repeat(127) + "😀");
        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(128);
        assertThat(PlainText.Validator.sanitize("😀😀😀", 2)).isEqualTo("😀😀");
        assertThat(PlainText.Validator.sanitize("short", 128)).isEqualTo("short");
    }
}
