package io.apay.wealth.server;

import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.ServiceBootContract;

@ApayIntegrationTest
class WealthServerIT extends ServiceBootContract {
}
