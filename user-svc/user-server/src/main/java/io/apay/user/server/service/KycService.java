package io.apay.user.server.service;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.apay.common.core.error.ServiceException;
import io.apay.common.web.oplog.OperationLog;
import io.apay.common.web.storage.ObjectStorage;
import io.apay.user.api.UserErrorCodes;
import io.apay.user.server.controller.app.vo.KycDocumentResponse;
import io.apay.user.server.dal.dataobject.KycDocumentDO;
import io.apay.user.server.dal.mapper.KycDocumentMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * KYC documents: JPEG, PNG or PDF up to 5 MB, checked by their first bytes (not by what the client claims), kept
 * in object storage and read only through links that expire after {@link #LINK_TTL}.
 */
@Service
public class KycService {

    public static final int MAX_BYTES = 5 * 1024 * 1024;
    static final Duration LINK_TTL = Duration.ofMinutes(10);

    /** The kinds of document a user can submit. */
    public enum DocType { ID_FRONT, ID_BACK, PASSPORT, SELFIE, PROOF_OF_ADDRESS }

    private enum FileType {
        JPEG("image/jpeg", "jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
        PNG("image/png", "png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}),
        PDF("application/pdf", "pdf", new byte[] {'%', 'P', 'D', 'F', '-'});

        final String contentType;
        final String extension;
        final byte[] magic;

        FileType(String contentType, String extension, byte[] magic) {
            this.contentType = contentType;
            this.extension = extension;
            this.magic = magic;
        }

        static FileType of(byte[] content) {
            for (FileType t : values()) {
                if (content.length >= t.magic.length && Arrays.equals(content, 0, t.magic.length, t.magic, 0, t.magic.length)) {
                    return t;
                }
            }
            throw new ServiceException(UserErrorCodes.KYC_FILE_TYPE);
        }
    }

    private final KycDocumentMapper documents;
    private final ObjectStorage storage;
    private final Clock clock;

    public KycService(KycDocumentMapper documents, ObjectStorage storage, Clock clock) {
        this.documents = documents;
        this.storage = storage;
        this.clock = clock;
    }

    @OperationLog("user.kyc.upload")
    public KycDocumentResponse upload(long userId, DocType docType, String declaredContentType, byte[] content) {
        if (content.length == 0) {
            throw new ServiceException(UserErrorCodes.KYC_FILE_EMPTY);
        }
        if (content.length > MAX_BYTES) {
            throw new ServiceException(UserErrorCodes.KYC_FILE_TOO_LARGE);
        }
        FileType type = FileType.of(content);
        if (declaredContentType == null || !declaredContentType.toLowerCase().startsWith(type.contentType)) {
            throw new ServiceException(UserErrorCodes.KYC_FILE_TYPE);
        }
        String key = "kyc/" + userId + "/" + UUID.randomUUID() + "." + type.extension;
        storage.put(key, content, type.contentType);
        KycDocumentDO doc = new KycDocumentDO();
        doc.setUserId(userId);
        doc.setDocType(docType.name());
        doc.setStorageKey(key);
        doc.setContentType(type.contentType);
        doc.setSizeBytes(content.length);
        doc.setSha256(sha256(content));
        doc.setStatus("SUBMITTED");
        doc.setCreatedAt(LocalDateTime.now(clock));
        documents.insert(doc);
        return toResponse(doc);
    }

    public List<KycDocumentResponse> list(long userId) {
        return documents.selectList(new LambdaQueryWrapper<KycDocumentDO>().eq(KycDocumentDO::getUserId, userId)
                        .orderByDesc(KycDocumentDO::getId))
                .stream().map(this::toResponse).toList();
    }

    private KycDocumentResponse toResponse(KycDocumentDO d) {
        return new KycDocumentResponse(d.getId(), d.getDocType(), d.getContentType(), d.getSizeBytes(), d.getStatus(),
                d.getCreatedAt().toInstant(ZoneOffset.UTC), storage.temporaryUrl(d.getStorageKey(), LINK_TTL).toString());
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
