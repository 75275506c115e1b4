package io.apay.merchant;

import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.ServiceBootContract;

@ApayIntegrationTest
class MerchantApiApplicationIT extends ServiceBootContract {
}
