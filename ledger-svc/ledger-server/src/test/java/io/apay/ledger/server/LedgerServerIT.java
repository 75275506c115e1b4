package io.apay.ledger.server;

import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.ServiceBootContract;

@ApayIntegrationTest
class LedgerServerIT extends ServiceBootContract {
}
