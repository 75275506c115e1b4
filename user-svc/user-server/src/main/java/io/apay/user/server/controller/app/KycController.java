package io.apay.user.server.controller.app;

import io.apay.common.core.error.ServiceException;
import io.apay.common.core.result.ApiResult;
import io.apay.common.web.security.RequestIdentity;
import io.apay.user.api.UserErrorCodes;
import io.apay.user.server.controller.app.vo.KycDocumentResponse;
import io.apay.user.server.service.KycService;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * KYC document upload: the file is the raw request body ({@code Content-Type: image/jpeg|image/png|application/pdf}),
 * the document type a query parameter. Read at most 5 MB + 1 byte, whatever the client declares.
 */
@RestController
@RequestMapping("/app-api/user/kyc/documents")
public class KycController {

    private final KycService kyc;

    public KycController(KycService kyc) {
        this.kyc = kyc;
    }

    @PostMapping
    public ApiResult<KycDocumentResponse> upload(@RequestParam KycService.DocType docType, HttpServletRequest request)
            throws IOException {
        long userId = RequestIdentity.requireUserId();
        if (request.getContentLengthLong() > KycService.MAX_BYTES) {
            throw new ServiceException(UserErrorCodes.KYC_FILE_TOO_LARGE);
        }
        byte[] content;
        try (InputStream in = request.getInputStream()) {
            content = in.readNBytes(KycService.MAX_BYTES + 1);
        }
        return ApiResult.ok(kyc.upload(userId, docType, request.getContentType(), content));
    }

    @GetMapping
    public ApiResult<List<KycDocumentResponse>> list() {
        return ApiResult.ok(kyc.list(RequestIdentity.requireUserId()));
    }
}
