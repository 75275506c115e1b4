package io.apay.common.web.testapp;

import io.apay.common.core.result.ApiResult;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A request that stays at work until the test releases it, as a slow database call would. */
@RestController
class HoldController {

    static final AtomicInteger ARRIVED = new AtomicInteger();
    static volatile CountDownLatch release = new CountDownLatch(1);

    @GetMapping("/app-api/test/hold")
    ApiResult<String> hold() throws InterruptedException {
        ARRIVED.incrementAndGet();
        release.await(30, TimeUnit.SECONDS);
        return ApiResult.ok("done");
    }
}
