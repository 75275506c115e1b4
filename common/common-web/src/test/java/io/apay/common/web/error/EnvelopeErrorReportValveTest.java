package io.apay.common.web.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.common.core.error.CommonErrorCodes;
import org.junit.jupiter.api.Test;

/** What code Tomcat's own answers carry (the valve answers what no servlet and no /error dispatch did). */
class EnvelopeErrorReportValveTest {

    @Test
    void everyFiveHundredTheContainerAnswersIsAnInternalError() {
        for (int status : new int[] {500, 502, 503, 504}) {
            assertThat(EnvelopeErrorReportValve.codeFor(status, null)).as("status " + status).isEqualTo(CommonErrorCodes.INTERNAL_ERROR);
        }
        assertThat(EnvelopeErrorReportValve.codeFor(414, null)).isEqualTo(CommonErrorCodes.URI_TOO_LONG);
    }
}
