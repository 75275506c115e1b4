package io.apay.common.web.storage;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code apay.storage.*}. */
@ConfigurationProperties("apay.storage")
public class StorageProperties {

    /** {@code local} or {@code aliyun-oss}. */
    private String type = "local";
    private final Local local = new Local();
    private final AliyunOss aliyunOss = new AliyunOss();

    public static class Local {
        /** Directory the files live in. */
        private Path root = Path.of(".run", "storage");
        /** The public base of file links, through the gateway: {@code <gateway>/files/<service path>}. */
        private String publicBaseUrl = "http://127.0.0.1:8080/files";

        public Path getRoot() {
            return root;
        }

        public void setRoot(Path root) {
            this.root = root;
        }

        public String getPublicBaseUrl() {
            return publicBaseUrl;
        }

        public void setPublicBaseUrl(String publicBaseUrl) {
            this.publicBaseUrl = publicBaseUrl;
        }
    }

    public static class AliyunOss {
        private String endpoint;
        private String bucket;
        private String accessKeyId;
        private String accessKeySecret;

        public String getEndpoint() {
            return endpoint;
        }

        public void setEndpoint(String endpoint) {
            this.endpoint = endpoint;
        }

        public String getBucket() {
            return bucket;
        }

        public void setBucket(String bucket) {
            this.bucket = bucket;
        }

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
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public Local getLocal() {
        return local;
    }

    public AliyunOss getAliyunOss() {
        return aliyunOss;
    }
}
