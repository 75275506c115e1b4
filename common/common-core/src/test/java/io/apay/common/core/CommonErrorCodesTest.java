package io.apay.common.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ErrorCode;
import io.apay.common.core.error.ErrorCodeRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommonErrorCodesTest {

    @Test
    void rangesDoNotOverlap() {
        ErrorCodeRange[] ranges = ErrorCodeRange.values();
        for (int i = 1; i < ranges.length; i++) {
            assertThat(ranges[i].from()).isGreaterThan(ranges[i - 1].to());
        }
    }

    @Test
    void commonCodesAreUniqueInRangeAndDocumented() throws Exception {
        List<ErrorCode> codes = ErrorCodeRange.declaredIn(CommonErrorCodes.class);
        assertThat(codes).allSatisfy(c -> assertThat(ErrorCodeRange.COMMON.contains(c.code())).isTrue());
        assertThat(codes.stream().map(ErrorCode::code).distinct().count()).isEqualTo(codes.size());
        String doc = Files.readString(Path.of("../../docs/error-codes.md"));
        for (ErrorCode c : codes) {
            assertThat(doc).as(c.toString()).contains("| " + c.code() + " | " + c.httpStatus() + " |");
        }
        for (ErrorCodeRange r : ErrorCodeRange.values()) {
            assertThat(doc).as(r.name()).contains("| " + r.from() + "–" + r.to() + " |");
        }
    }
}
