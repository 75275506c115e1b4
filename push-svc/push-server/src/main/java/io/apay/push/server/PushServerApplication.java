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

    /** Tomcat allocates WebSocket encode buffers of this size per socket (default 8 KiB): 2 KiB fits every frame. */
    static final String WS_BUFFER_SIZE = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    public static void main(String[] args) {
        if (System.getProperty(WS_BUFFER_SIZE) == null) {
            System.setProperty(WS_BUFFER_SIZE, "2048");
        }
        SpringApplication.run(PushServerApplication.class, args);
    }
}
