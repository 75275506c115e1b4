package io.apay.common.web.storage;

import io.apay.common.core.crypto.SecretCipher;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An {@link ObjectStorage} for services that keep files ({@code apay.storage.enabled=true}); the service's path
 * segment ({@code apay.storage.service-path}, e.g. {@code user}) names its files' links.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(name = "apay.storage.enabled", havingValue = "true")
@EnableConfigurationProperties(StorageProperties.class)
public class StorageAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "apay.storage.type", havingValue = "local", matchIfMissing = true)
    static class Local {
        @Bean
        LocalObjectStorage localObjectStorage(StorageProperties props, @Value("${apay.storage.service-path}") String servicePath,
                                              @Value("${apay.crypto.secret-key}") String secretKey, ObjectProvider<Clock> clock) {
            SecretCipher.fromBase64(secretKey); // fail fast on a missing or short key
            return new LocalObjectStorage(props.getLocal().getRoot(), props.getLocal().getPublicBaseUrl(), servicePath,
                    derive(secretKey, "apay-storage-links"), clock.getIfAvailable(Clock::systemUTC));
        }

        @Bean
        LocalFileController localFileController(LocalObjectStorage storage) {
            return new LocalFileController(storage);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "apay.storage.type", havingValue = "aliyun-oss")
    @ConditionalOnClass(name = "com.aliyun.oss.OSS")
    static class AliyunOss {
        @Bean
        AliyunOssObjectStorage aliyunOssObjectStorage(StorageProperties props) {
            return new AliyunOssObjectStorage(props.getAliyunOss());
        }
    }

    /** A key for one purpose, derived from the data key, so link signatures never use the data key itself. */
    static byte[] derive(String base64Key, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(base64Key.trim()), "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
