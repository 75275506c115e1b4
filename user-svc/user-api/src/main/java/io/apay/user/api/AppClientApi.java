package io.apay.user.api;

import io.apay.common.core.result.ApiResult;
import io.apay.user.api.dto.AppClientCreated;
import io.apay.user.api.dto.AppClientCredentials;
import io.apay.user.api.dto.CreateAppClientRequest;
import jakarta.validation.Valid;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * App clients: the key id and shared secret an app signs its requests with (docs/app-signature.md). The gateway
 * reads the credentials to verify signatures; secrets travel and rest encrypted (SecretCipher, context
 * {@link AppClientCredentials#cipherContext}).
 */
@FeignClient(name = "user-svc", contextId = "appClientApi")
public interface AppClientApi {

    String PREFIX = "/rpc-api/user/app-clients";

    /** Creates a client; the plain secret is in the answer once and never again. */
    @PostMapping(PREFIX)
    ApiResult<AppClientCreated> create(@RequestBody @Valid CreateAppClientRequest request);

    /** The client's currently valid secrets, encrypted, for signature checks. */
    @GetMapping(PREFIX + "/{keyId}")
    ApiResult<AppClientCredentials> credentials(@PathVariable("keyId") String keyId);
}
