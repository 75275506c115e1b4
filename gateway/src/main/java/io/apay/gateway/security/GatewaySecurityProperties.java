package io.apay.gateway.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** {@code apay.gateway.security.*}: what app routes check. */
@ConfigurationProperties("apay.gateway.security")
public class GatewaySecurityProperties {

    /** App paths that need the app signature but no login token. */
    private List<String> publicPaths = new ArrayList<>();
    /** Admin paths an operator calls without a session (login, activation). */
    private List<String> adminPublicPaths = new ArrayList<>();
    /** Merchant paths without a merchant signature (the platform's public key). */
    private List<String> merchantPublicPaths = new ArrayList<>();
    /** If not empty, the only client addresses (IPs or CIDR blocks) that may reach /admin-api/**. */
    private List<String> adminAllowlist = new ArrayList<>();
    /** The largest request body on an app route. */
    private DataSize maxBody = DataSize.ofMegabytes(1);
    /** Upload paths and their larger limit. */
    private List<String> uploadPaths = new ArrayList<>();
    private DataSize maxUploadBody = DataSize.ofMegabytes(6);
    private List<RateLimit> rateLimits = new ArrayList<>();

    public static class RateLimit {
        private String name;
        private String path;
        private int perIp;
        private int perAccount;
        private Duration window = Duration.ofMinutes(1);

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public int getPerIp() {
            return perIp;
        }

        public void setPerIp(int perIp) {
            this.perIp = perIp;
        }

        public int getPerAccount() {
            return perAccount;
        }

        public void setPerAccount(int perAccount) {
            this.perAccount = perAccount;
        }

        public Duration getWindow() {
            return window;
        }

        public void setWindow(Duration window) {
            this.window = window;
        }
    }

    public List<String> getPublicPaths() {
        return publicPaths;
    }

    public void setPublicPaths(List<String> publicPaths) {
        this.publicPaths = publicPaths;
    }

    public List<String> getAdminPublicPaths() {
        return adminPublicPaths;
    }

    public void setAdminPublicPaths(List<String> adminPublicPaths) {
        this.adminPublicPaths = adminPublicPaths;
    }

    public List<String> getMerchantPublicPaths() {
        return merchantPublicPaths;
    }

    public void setMerchantPublicPaths(List<String> merchantPublicPaths) {
        this.merchantPublicPaths = merchantPublicPaths;
    }

    public List<String> getAdminAllowlist() {
        return adminAllowlist;
    }

    public void setAdminAllowlist(List<String> adminAllowlist) {
        this.adminAllowlist = adminAllowlist;
    }

    public DataSize getMaxBody() {
        return maxBody;
    }

    public void setMaxBody(DataSize maxBody) {
        this.maxBody = maxBody;
    }

    public List<String> getUploadPaths() {
        return uploadPaths;
    }

    public void setUploadPaths(List<String> uploadPaths) {
        this.uploadPaths = uploadPaths;
    }

    public DataSize getMaxUploadBody() {
        return maxUploadBody;
    }

    public void setMaxUploadBody(DataSize maxUploadBody) {
        this.maxUploadBody = maxUploadBody;
    }

    public List<RateLimit> getRateLimits() {
        return rateLimits;
    }

    public void setRateLimits(List<RateLimit> rateLimits) {
        this.rateLimits = rateLimits;
    }
}
