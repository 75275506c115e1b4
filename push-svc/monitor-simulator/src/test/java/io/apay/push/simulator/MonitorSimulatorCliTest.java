package io.apay.push.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MonitorSimulatorCliTest {

    @Test
    void aStdinReportLineIsChannelAmountCurrencyAndAnOptionalRemark() {
        assertThat(MonitorSimulatorCli.reportCommand("report ALIPAY:100.03:CNY:demo buyer: order 7"))
                .containsExactly("ALIPAY", "100.03", "CNY", "demo buyer: order 7");
        assertThat(MonitorSimulatorCli.reportCommand("  report BANK:5:CNY  ")).containsExactly("BANK", "5", "CNY", "");
        assertThat(MonitorSimulatorCli.reportSpec("WECHAT:20.00:CNY")).containsExactly("WECHAT", "20.00", "CNY", "");
    }

    @Test
    void anythingElseIsNotACommand() {
        assertThat(MonitorSimulatorCli.reportCommand("report ALIPAY:100.03")).isNull();
        assertThat(MonitorSimulatorCli.reportCommand("report ::CNY")).isNull();
        assertThat(MonitorSimulatorCli.reportCommand("pay ALIPAY:100.03:CNY")).isNull();
        assertThat(MonitorSimulatorCli.reportCommand("report")).isNull();
    }

    @Test
    void stdinIsAFlag() {
        assertThat(MonitorSimulatorCli.parse(new String[] {"run", "--stdin", "--acceptor", "7"}))
                .containsEntry("stdin", "true").containsEntry("acceptor", "7");
    }
}
