package io.apay.job;

import io.apay.chainbridge.api.ChainReconApi;
import io.apay.job.merchant.MerchantCallbacksClient;
import io.apay.ledger.api.LedgerApi;
import io.apay.otc.api.OtcJobsApi;
import io.apay.otc.api.OtcReconApi;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import io.apay.wallet.api.WalletJobsApi;
import io.apay.wallet.api.WalletReconApi;
import io.apay.wealth.api.WealthJobsApi;
import io.apay.wealth.api.WealthReconApi;
import org.springframework.cloud.openfeign.EnableFeignClients;

/** job-svc: scheduled work on an async thread pool: expiry, callback retries, stale-ad checks, wealth accrual, reconciliations. */
@SpringBootApplication
@EnableFeignClients(clients = {LedgerApi.class, OtcJobsApi.class, OtcReconApi.class, MerchantCallbacksClient.class, WalletJobsApi.class,
        WalletReconApi.class, ChainReconApi.class, WealthJobsApi.class, WealthReconApi.class})
public class JobApplication {

    public static void main(String[] args) {
        SpringApplication.run(JobApplication.class, args);
    }
}
