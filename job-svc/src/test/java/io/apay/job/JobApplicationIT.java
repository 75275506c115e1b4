package io.apay.job;

import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.ServiceBootContract;

@ApayIntegrationTest
class JobApplicationIT extends ServiceBootContract {
}
