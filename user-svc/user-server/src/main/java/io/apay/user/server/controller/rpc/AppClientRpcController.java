package io.apay.user.server.controller.rpc;

import io.apay.common.core.result.ApiResult;
import io.apay.user.api.AppClientApi;
import io.apay.user.api.dto.AppClientCreated;
import io.apay.user.api.dto.AppClientCredentials;
import io.apay.user.api.dto.CreateAppClientRequest;
import io.apay.user.server.service.AppClientService;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
public class AppClientRpcController implements AppClientApi {

    private final AppClientService clients;

    public AppClientRpcController(AppClientService clients) {
        this.clients = clients;
    }

    @Override
    public ApiResult<AppClientCreated> create(CreateAppClientRequest request) {
        return ApiResult.ok(clients.create(request.keyId(), request.name()));
    }

    @Override
    public ApiResult<AppClientCredentials> credentials(String keyId) {
        return ApiResult.ok(clients.credentials(keyId));
    }
}
