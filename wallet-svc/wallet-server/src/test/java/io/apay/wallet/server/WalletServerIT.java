package io.apay.wallet.server;

import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.ServiceBootContract;

@ApayIntegrationTest
class WalletServerIT extends ServiceBootContract {
}
