package io.apay.common.web.storage;

import java.net.URI;
import java.time.Duration;

/**
 * Where apay keeps files (KYC documents, payee QR images). Files are private: they are read only through
 * time-limited URLs. Adapters: {@link LocalObjectStorage} (the local default, files on disk served by the owning
 * service) and {@link AliyunOssObjectStorage} (Aliyun OSS with presigned URLs); chosen by {@code apay.storage.type}.
 */
public interface ObjectStorage {

    /** Stores {@code content} under {@code key} (e.g. {@code kyc/42/3f9c.png}), replacing any previous object. */
    void put(String key, byte[] content, String contentType);

    /** A URL anyone holding it can read the object through until {@code ttl} has passed. */
    URI temporaryUrl(String key, Duration ttl);
}
