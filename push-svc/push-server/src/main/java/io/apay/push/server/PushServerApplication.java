package io.apay.push.server;

import io.apay.push.server.config.PushProperties;
import org.mybatis.spring.annotation.MapperScan;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** push-svc: Android monitor WebSockets, the heartbeat scheduler and the fenced acceptor online state. */
@SpringBootApplication
@EnableConfigurationProperties(PushProperties.class)
@MapperScan("io.apay.push.server.dal.mapper")
public class PushServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(PushServerApplication.class, args);
    }
}
