package io.apay.otc.server;

import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.ServiceBootContract;

@ApayIntegrationTest
class OtcServerIT extends ServiceBootContract {
}
