package io.apay.common.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.json.ApayJackson;
import io.apay.common.core.money.Money;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyJsonTest {

    record Amount(BigDecimal value) {
    }

    final ObjectMapper mapper = ApayJackson.newMapper();

    @Test
    void writesPlainStringsAndReadsOnlyPlainDecimalStrings() throws Exception {
        assertThat(mapper.writeValueAsString(new Amount(new BigDecimal("1E+3")))).isEqualTo("{\"value\":\"1000\"}");
        assertThat(mapper.writeValueAsString(new Amount(new BigDecimal("12.500000")))).isEqualTo("{\"value\":\"12.500000\"}");
        assertThat(mapper.readValue("{\"value\":\"100.03\"}", Amount.class).value()).isEqualByComparingTo("100.03");
        assertThat(mapper.readValue("{\"value\":\"-0.000001\"}", Amount.class).value()).isEqualByComparingTo("-0.000001");
        for (String bad : new String[] {"100.03", "\"1e3\"", "\"NaN\"", "\"Infinity\"", "\"0x10\"", "\"1,000\"",
                "\"1234567890123456789\"", "\"1.1234567890123456789\"", "\"\"", "\" \"", "\"01.5\"", "true"}) {
            assertThatThrownBy(() -> mapper.readValue("{\"value\":" + bad + "}", Amount.class)).as(bad)
                    .isInstanceOf(MismatchedInputException.class);
        }
    }

    @Test
    void scaleAndSignAreChecked() {
        assertThat(Money.requirePositive("amount", new BigDecimal("1.50"), 2)).isEqualTo(new BigDecimal("1.50"));
        assertThat(Money.requirePositive("amount", new BigDecimal("1.5000"), 2)).isEqualTo(new BigDecimal("1.50"));
        assertThatThrownBy(() -> Money.requirePositive("amount", new BigDecimal("1.505"), 2)).isInstanceOf(ServiceException.class);
        assertThatThrownBy(() -> Money.requirePositive("amount", BigDecimal.ZERO, 2)).isInstanceOf(ServiceException.class);
        assertThatThrownBy(() -> Money.requirePositive("amount", new BigDecimal("-1"), 2)).isInstanceOf(ServiceException.class);
        assertThatThrownBy(() -> Money.parse("amount", "1e5")).isInstanceOf(ServiceException.class);
    }
}
