package io.apay.push.server.controller.app;

import io.apay.common.core.result.ApiResult;
import io.apay.common.web.oplog.OperationLog;
import io.apay.common.web.security.RequestIdentity;
import io.apay.push.server.controller.app.vo.DeviceCreateReq;
import io.apay.push.server.controller.app.vo.DeviceCreatedResp;
import io.apay.push.server.controller.app.vo.DeviceResp;
import io.apay.push.server.service.device.DeviceService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The acceptor's monitor devices. The acceptor is the gateway-verified user. */
@Tag(name = "monitor devices")
@RestController
@Validated
@RequestMapping("/app-api/push/devices")
public class DeviceController {

    private final DeviceService devices;

    public DeviceController(DeviceService devices) {
        this.devices = devices;
    }

    @Operation(summary = "Register a monitor device; its signing secret is in this response only")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @OperationLog("push.device.register")
    public ApiResult<DeviceCreatedResp> register(@RequestBody @Valid DeviceCreateReq req) {
        return ApiResult.ok(devices.register(RequestIdentity.requireUserId(), req.name()));
    }

    @Operation(summary = "The acceptor's devices (never their secrets)")
    @GetMapping
    public ApiResult<List<DeviceResp>> list() {
        return ApiResult.ok(devices.list(RequestIdentity.requireUserId()));
    }

    @Operation(summary = "Revoke a device; a monitor connected with it is disconnected")
    @DeleteMapping("/{deviceId}")
    @OperationLog("push.device.revoke")
    public ApiResult<DeviceResp> revoke(@PathVariable @Size(max = 40) String deviceId) {
        return ApiResult.ok(devices.revoke(RequestIdentity.requireUserId(), deviceId));
    }
}
