package io.apay.sms.server.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code apay.sms.*}: code rules, limits and the provider. */
@ConfigurationProperties("apay.sms")
public class SmsProperties {

    /** {@code log} (local default: writes messages to the log) or {@code aliyun}. */
    private String provider = "log";
    private Duration codeTtl = Duration.ofMinutes(5);
    private int maxAttempts = 5;
    /** At most one code per phone and purpose in this interval. */
    private Duration resendInterval = Duration.ofMinutes(1);
    private int perPhoneDaily = 10;
    private int perIpDaily = 50;
    private final Log log = new Log();
    private final Aliyun aliyun = new Aliyun();

    public static class Log {
        /** Write the message text (with the code) to the log. Never in the prod profile. */
        private boolean showContent = true;
        /**
         * Keep the last messages per phone in Redis (10 minutes) so a local demo or an end-to-end test can read
         * the code a phone "received". Never in the prod profile.
         */
        private boolean devMailbox = false;

        public boolean isShowContent() {
            return showContent;
        }

        public void setShowContent(boolean showContent) {
            this.showContent = showContent;
        }

        public boolean isDevMailbox() {
            return devMailbox;
        }

        public void setDevMailbox(boolean devMailbox) {
            this.devMailbox = devMailbox;
        }
    }

    public static class Aliyun {
        private String accessKeyId;
        private String accessKeySecret;
        private String signName;
        private String endpoint = "dysmsapi.aliyuncs.com";
        private String protocol = "https";

        public String getAccessKeyId() {
            return accessKeyId;
        }

        public void setAccessKeyId(String accessKeyId) {
            this.accessKeyId = accessKeyId;
        }

        public String getAccessKeySecret() {
            return accessKeySecret;
        }

        public void setAccessKeySecret(String accessKeySecret) {
            this.accessKeySecret = accessKeySecret;
        }

        public String getSignName() {
            return signName;
        }

        public void setSignName(String signName) {
            this.signName = signName;
        }

        public String getEndpoint() {
            return endpoint;
        }

        public void setEndpoint(String endpoint) {
            this.endpoint = endpoint;
        }

        public String getProtocol() {
            return protocol;
        }

        public void setProtocol(String protocol) {
            this.protocol = protocol;
        }
    }

    public String getProvider() {
        return provider;
    }

    public void setProvider(String provider) {
        this.provider = provider;
    }

    public Duration getCodeTtl() {
        return codeTtl;
    }

    public void setCodeTtl(Duration codeTtl) {
        this.codeTtl = codeTtl;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public Duration getResendInterval() {
        return resendInterval;
    }

    public void setResendInterval(Duration resendInterval) {
        this.resendInterval = resendInterval;
    }

    public int getPerPhoneDaily() {
        return perPhoneDaily;
    }

    public void setPerPhoneDaily(int perPhoneDaily) {
        this.perPhoneDaily = perPhoneDaily;
    }

    public int getPerIpDaily() {
        return perIpDaily;
    }

    public void setPerIpDaily(int perIpDaily) {
        this.perIpDaily = perIpDaily;
    }

    public Log getLog() {
        return log;
    }

    public Aliyun getAliyun() {
        return aliyun;
    }
}
