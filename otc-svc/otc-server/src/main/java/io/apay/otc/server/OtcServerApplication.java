package io.apay.otc.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** otc-svc: acceptor ads, payment orders, amount offsets, release, appeals, cashier page. */
@SpringBootApplication
public class OtcServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(OtcServerApplication.class, args);
    }
}
