package io.apay.common.web.storage;

import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ServiceException;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.file.Path;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Serves {@link LocalObjectStorage} files to holders of a genuine, unexpired link. */
@RestController
public class LocalFileController {

    private final LocalObjectStorage storage;

    public LocalFileController(LocalObjectStorage storage) {
        this.storage = storage;
    }

    @GetMapping("/files/**")
    public ResponseEntity<Resource> file(HttpServletRequest request, @RequestParam long expires, @RequestParam String signature) {
        String prefix = "/files/" + storage.servicePath() + "/";
        String path = request.getRequestURI();
        if (!path.startsWith(prefix)) {
            throw new ServiceException(CommonErrorCodes.NOT_FOUND);
        }
        String key = path.substring(prefix.length());
        Path file = storage.open(key, expires, signature)
                .orElseThrow(() -> new ServiceException(CommonErrorCodes.FORBIDDEN, "file link expired or invalid"));
        MediaType type = MediaTypeFactory.getMediaType(file.getFileName().toString()).orElse(MediaType.APPLICATION_OCTET_STREAM);
        return ResponseEntity.ok().contentType(type).cacheControl(CacheControl.noStore())
                .header("X-Content-Type-Options", "nosniff")
                .body(new FileSystemResource(file));
    }
}
