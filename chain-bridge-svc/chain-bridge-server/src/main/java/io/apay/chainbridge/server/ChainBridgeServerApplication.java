package io.apay.chainbridge.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** chain-bridge-svc: talks to the chains (EVM through web3j). */
@SpringBootApplication
public class ChainBridgeServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(ChainBridgeServerApplication.class, args);
    }
}
