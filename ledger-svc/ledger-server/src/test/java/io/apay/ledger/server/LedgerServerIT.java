package io.apay.ledger.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.ServiceBootContract;
import io.apay.ledger.server.config.LedgerProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.openfeign.FeignClientProperties;

@ApayIntegrationTest
class LedgerServerIT extends ServiceBootContract {

    /** Time a ledger call spends outside the writer's wait: resolving accounts, reading an existing answer, network. */
    static final Duration MARGIN = Duration.ofSeconds(1);

    @Autowired
    LedgerProperties ledger;

    @Autowired
    FeignClientProperties feign;

    /**
     * The ledger answers 14051 itself before a caller's Feign read timeout (the shared default every caller gets
     * from common-rpc) would give up on it, so callers get the ledger's clear answer. Both values are the effective
     * ones of the booted service: its application.yml and the shared apay-defaults.
     */
    @Test
    void theLedgersWaitEndsBeforeTheDefaultCallerReadTimeout() {
        Integer readTimeoutMillis = feign.getConfig().get("default").getReadTimeout();
        assertThat(readTimeoutMillis).isNotNull();
        assertThat(ledger.waitTimeout().plus(MARGIN)).isLessThanOrEqualTo(Duration.ofMillis(readTimeoutMillis));
    }
}
