package io.apay.common.rpc;

import io.apay.common.core.result.ApiResult;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

@SpringBootApplication
@EnableFeignClients(clients = {RpcTestApp.RemoteApi.class, RpcTestApp.FlakyApi.class, RpcTestApp.BusyApi.class})
public class RpcTestApp {

    record Transfer(String to, String amount) {
    }

    /** A remote service as an -api module would declare it. */
    @FeignClient(name = "remote-svc", url = "${test.remote.url}")
    interface RemoteApi {
        @GetMapping("/rpc-api/remote/{status}")
        ApiResult<String> get(@PathVariable("status") int status);

        @PostMapping("/rpc-api/remote/{status}")
        ApiResult<String> post(@PathVariable("status") int status, @RequestBody Transfer transfer);
    }

    /** The same remote under another name, with its own breaker (test settings in application.yml). */
    @FeignClient(name = "flaky-svc", url = "${test.remote.url}")
    interface FlakyApi {
        @GetMapping("/rpc-api/remote/{status}")
        ApiResult<String> get(@PathVariable("status") int status);
    }

    /** A remote that answers with a script (/rpc-api/busy/{script}), under its own breaker. */
    @FeignClient(name = "busy-svc", url = "${test.remote.url}")
    interface BusyApi {
        @PostMapping("/rpc-api/busy/{script}")
        ApiResult<String> post(@PathVariable("script") String script, @RequestBody Transfer transfer);
    }
}
