package io.apay.merchant;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** merchant-api-svc: merchant integration: RSA-signed API, orders, callbacks. */
@SpringBootApplication
public class MerchantApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(MerchantApiApplication.class, args);
    }
}
