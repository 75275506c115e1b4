package io.apay.chainbridge.server;

import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.ServiceBootContract;

@ApayIntegrationTest
class ChainBridgeServerIT extends ServiceBootContract {
}
