package io.apay.common.core.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Free text a person typed (a nickname, a reason, a name, a memo): refuses characters that have no business there
 * and are used to forge what a reader sees - C0 and C1 controls (NUL, ESC of ANSI sequences, ...), DEL, bidi
 * overrides and isolates (the RTL override that turns {@code exe.txt} around), other invisible format characters,
 * line and paragraph separators, unpaired surrogates and noncharacters. Null passes. Tab and line feed are allowed
 * only where the field is {@link #multiLine()}. Zero-width joiner and non-joiner stay allowed: emoji and several
 * scripts need them. A violation answers the common code 10050. Text that must be kept whatever it holds (a buyer's
 * remark on a real payment) goes through {@link Validator#sanitize} instead.
 *
 * <p>It lives in common-core, not common-web, because the {@code -api} modules (Feign DTOs) use it and depend on
 * common-core only.
 */
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.TYPE_USE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PlainText.Validator.class)
public @interface PlainText {

    /** Whether line feeds and tabs are allowed (a multi-line remark). */
    boolean multiLine() default false;

    String message() default "must not contain control or invisible formatting characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PlainText, CharSequence> {

        private boolean multiLine;

        @Override
        public void initialize(PlainText a) {
            multiLine = a.multiLine();
        }

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return value == null || isPlain(value, multiLine);
        }

        /** Whether the text holds none of the refused characters. */
        public static boolean isPlain(CharSequence value, boolean multiLine) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    if (refused(Character.toCodePoint(c, value.charAt(++i)), multiLine)) {
                        return false;
                    }
                } else if (Character.isSurrogate(c) || refused(c, multiLine)) {
                    return false; // an unpaired surrogate is not text (and the database refuses it)
                }
            }
            return true;
        }

        /** What {@link #sanitize} puts in place of a refused character. */
        public static final char REPLACEMENT = '\uFFFD';

        /**
         * The text with each character a single-line field refuses (an unpaired surrogate too) replaced by U+FFFD, cut
         * after {@code maxCodePoints} code points: on a code point boundary, so a surrogate pair is never split (the
         * database refuses half of one). Null stays null. The result passes {@code isPlain(result, false)}.
         */
        public static String sanitize(CharSequence text, int maxCodePoints) {
            if (text == null) {
                return null;
            }
            StringBuilder out = new StringBuilder(Math.max(0, Math.min(text.length(), maxCodePoints)));
            int count = 0;
            for (int i = 0; i < text.length() && count < maxCodePoints; i++, count++) {
                char c = text.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, text.charAt(++i));
                    if (refused(cp, false)) {
                        out.append(REPLACEMENT);
                    } else {
                        out.appendCodePoint(cp);
                    }
                } else {
                    out.append(Character.isSurrogate(c) || refused(c, false) ? REPLACEMENT : c);
                }
            }
            return out.toString();
        }

        private static boolean refused(int cp, boolean multiLine) {
            if (cp == '\n' || cp == '\t') {
                return !multiLine;
            }
            if (cp == 0x200C || cp == 0x200D) { // zero-width non-joiner and joiner
                return false;
            }
            int type = Character.getType(cp);
            return type == Character.CONTROL // C0, DEL, C1
                    || type == Character.FORMAT // bidi marks, overrides and isolates, zero-width space, BOM, tags, soft hyphen
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || (cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF); // noncharacters
        }
    }
}
