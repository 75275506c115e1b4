package io.apay.wealth.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** wealth-svc: staking (collateral mining) products. */
@SpringBootApplication
public class WealthServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(WealthServerApplication.class, args);
    }
}
