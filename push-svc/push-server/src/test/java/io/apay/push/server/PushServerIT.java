package io.apay.push.server;

import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.ServiceBootContract;

@ApayIntegrationTest
class PushServerIT extends ServiceBootContract {
}
