package io.apay.common.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.common.core.error.ErrorCode;
import io.apay.common.core.error.ErrorCodeRange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The rules for a service's error codes: unique, inside the service's range, and each listed in
 * docs/error-codes.md with the same number, so a client developer finds every code there.
 */
public final class ErrorCodeContract {

    private ErrorCodeContract() {
    }

    public static void check(Class<?> holder, ErrorCodeRange range) {
        List<ErrorCode> codes = ErrorCodeRange.declaredIn(holder);
        assertThat(codes).as("codes declared in " + holder.getSimpleName()).isNotEmpty();
        assertThat(codes).allSatisfy(c -> assertThat(range.contains(c.code())).as(c + " in " + range).isTrue());
        assertThat(codes.stream().map(ErrorCode::code).distinct().count()).as("unique codes").isEqualTo(codes.size());
        String doc = readDoc();
        for (ErrorCode c : codes) {
            assertThat(doc).as("docs/error-codes.md lists " + c).contains("| " + c.code() + " | " + c.httpStatus() + " |");
        }
    }

    static String readDoc() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs/error-codes.md"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("docs/error-codes.md not found above " + Path.of("").toAbsolutePath());
        }
        try {
            return Files.readString(dir.resolve("docs/error-codes.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
