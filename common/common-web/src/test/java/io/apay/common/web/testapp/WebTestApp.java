package io.apay.common.web.testapp;

import io.apay.common.core.error.ErrorCode;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.result.ApiResult;
import io.apay.common.core.security.Permission;
import io.apay.common.web.oplog.OperationLog;
import io.apay.common.web.oplog.OperationLogContext;
import io.apay.common.web.security.RequiresPermission;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.util.Map;
import jakarta.servlet.UnavailableException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Service;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A tiny service that exercises what common-web gives every service. */
@SpringBootApplication
public class WebTestApp {

    static final ErrorCode ORDER_ALREADY_PAID = new ErrorCode(16999, 409, "order already paid");

    record TransferBody(@NotBlank String to, @NotNull BigDecimal amount, @Pattern(regexp = "[A-Z]{3,5}") String coin) {
    }

    record RegisterBody(String phone, String password, String smsCode, Profile profile) {
    }

    record Profile(String nickname, String apiSecret) {
    }

    record CreditBody(String account, BigDecimal amount, String reason) {
    }

    @Service
    static class CreditService {
        @OperationLog(value = "test.credit", reasonRequired = true)
        public String credit(CreditBody body) {
            OperationLogContext.recordChange(Map.of("balance", "10.00"), Map.of("balance", "10.00+" + body.amount()));
            return "ok";
        }
    }

    @Service
    static class RegistrationService {
        @OperationLog("test.register")
        public long register(RegisterBody body, String clientToken) {
            if (body.phone() == null) {
                throw new ServiceException(ORDER_ALREADY_PAID);
            }
            return 42L;
        }
    }

    @RestController
    static class AdminController {
        private final CreditService credits;

        AdminController(CreditService credits) {
            this.credits = credits;
        }

        @RequiresPermission(Permission.LEDGER_CREDIT)
        @PostMapping("/admin-api/test/credits")
        ApiResult<String> credit(@RequestBody CreditBody body) {
            return ApiResult.ok(credits.credit(body));
        }

        @RequiresPermission(Permission.LEDGER_READ)
        @GetMapping("/admin-api/test/balances")
        ApiResult<String> balances() {
            return ApiResult.ok("10.00");
        }

        /** Forgot its @RequiresPermission: must be refused, not opened. */
        @GetMapping("/admin-api/test/forgotten")
        ApiResult<String> forgotten() {
            return ApiResult.ok("should never be served");
        }
    }

    @RestController
    @Validated
    static class TestController {
        private final RegistrationService registration;

        TestController(RegistrationService registration) {
            this.registration = registration;
        }

        @GetMapping("/app-api/test/business")
        ApiResult<Void> business() {
            throw new ServiceException(ORDER_ALREADY_PAID);
        }

        /** A route outside every API prefix, as a future controller might add one. */
        @GetMapping("/internal-test/ping")
        ApiResult<String> ping() {
            return ApiResult.ok("pong");
        }

        @GetMapping("/app-api/test/boom")
        ApiResult<Void> boom() {
            throw new IllegalStateException("secret detail: jdbc:mariadb://db-internal:3306 password=hunter2");
        }

        @PostMapping("/app-api/test/transfer")
        ApiResult<TransferBody> transfer(@Valid @RequestBody TransferBody body) {
            return ApiResult.ok(body);
        }

        @GetMapping("/app-api/test/page")
        ApiResult<Integer> page(@RequestParam @Max(100) int pageSize) {
            return ApiResult.ok(pageSize);
        }

        @PostMapping("/app-api/test/register")
        ApiResult<Long> register(@RequestBody RegisterBody body) {
            return ApiResult.ok(registration.register(body, "tok-123"));
        }
    }

    /** A servlet the container cannot run (as a servlet whose start failed): Tomcat itself answers 503. */
    @Bean
    ServletRegistrationBean<HttpServlet> unavailableServlet() {
        return new ServletRegistrationBean<>(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws UnavailableException {
                throw new UnavailableException("not available", 30);
            }
        }, "/container-test/unavailable");
    }
}
