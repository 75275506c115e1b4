package io.apay.user.server.controller.app.vo;

import java.time.Instant;

/** {@code url} reads the file for 10 minutes. */
public record KycDocumentResponse(long documentId, String docType, String contentType, long sizeBytes, String status,
                                  Instant uploadedAt, String url) {
}
