package io.apay.ledger.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** ledger-svc: double-entry accounting: accounts, transfers, holds, fees. */
@SpringBootApplication
public class LedgerServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(LedgerServerApplication.class, args);
    }
}
