package io.apay.common.web.storage;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.model.ObjectMetadata;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Date;

/** Aliyun OSS: private objects in one bucket, read through presigned GET URLs. */
public class AliyunOssObjectStorage implements ObjectStorage, AutoCloseable {

    private final OSS client;
    private final String bucket;

    public AliyunOssObjectStorage(StorageProperties.AliyunOss settings) {
        if (blank(settings.getEndpoint()) || blank(settings.getBucket()) || blank(settings.getAccessKeyId())
                || blank(settings.getAccessKeySecret())) {
            throw new IllegalStateException("apay.storage.type=aliyun-oss needs apay.storage.aliyun-oss.endpoint, bucket, access-key-id and access-key-secret");
        }
        this.client = new OSSClientBuilder().build(settings.getEndpoint(), settings.getAccessKeyId(), settings.getAccessKeySecret());
        this.bucket = settings.getBucket();
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        ObjectMetadata meta = new ObjectMetadata();
        meta.setContentType(contentType);
        meta.setContentLength(content.length);
        client.putObject(bucket, key, new ByteArrayInputStream(content), meta);
    }

    @Override
    public URI temporaryUrl(String key, Duration ttl) {
        try {
            return client.generatePresignedUrl(bucket, key, new Date(System.currentTimeMillis() + ttl.toMillis())).toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        client.shutdown();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
