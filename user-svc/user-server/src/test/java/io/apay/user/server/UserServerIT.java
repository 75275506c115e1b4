package io.apay.user.server;

import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.ServiceBootContract;

@ApayIntegrationTest
class UserServerIT extends ServiceBootContract {
}
