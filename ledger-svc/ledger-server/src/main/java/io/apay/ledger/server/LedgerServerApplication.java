package io.apay.ledger.server;

import org.mybatis.spring.annotation.MapperScan;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** ledger-svc: double-entry accounting: accounts, transfers, holds, fees. */
@SpringBootApplication
@MapperScan("io.apay.ledger.server.dal.mapper")
@ConfigurationPropertiesScan
public class LedgerServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(LedgerServerApplication.class, args);
    }
}
