package io.apay.sms.server;

import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.ServiceBootContract;

@ApayIntegrationTest
class SmsServerIT extends ServiceBootContract {
}
