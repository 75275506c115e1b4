package io.apay.gateway.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.gateway.filter.MeshCredentialFilter;
import io.apay.gateway.security.AdminTokenFilter;
import io.apay.gateway.security.AppSignatureFilter;
import io.apay.gateway.security.IdempotencyFilter;
import io.apay.gateway.security.LoginTokenFilter;
import io.apay.gateway.security.MerchantSignatureFilter;
import io.apay.gateway.security.MonitorHandshakeFilter;
import io.apay.gateway.security.RateLimitFilter;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

class AdmissionFilterTest {

    @Test
    void aRequestsGroupIsItsPathsFirstSegment() {
        assertThat(AdmissionFilter.group(path("/merchant-api/orders"))).isEqualTo("merchant-api");
        assertThat(AdmissionFilter.group(path("/app-api/user/profile"))).isEqualTo("app-api");
        assertThat(AdmissionFilter.group(path("/cashier"))).isEqualTo("cashier");
        assertThat(AdmissionFilter.group(path("/ws/monitor"))).isEqualTo("ws");
        assertThat(AdmissionFilter.group(path("/"))).isEmpty();
    }

    @Test
    void anEncodedFirstSegmentIsTheGroupTheRouteMatches() {
        // the routes match decoded segments: /%6Derchant-api/orders is routed as /merchant-api/orders and must be limited
        assertThat(AdmissionFilter.group(path("/%6Derchant-api/orders"))).isEqualTo("merchant-api");
        assertThat(AdmissionFilter.group(path("/%61pp-api/user/profile"))).isEqualTo("app-api");
        assertThat(AdmissionFilter.group(path("/merchant-api;x=1/orders"))).isEqualTo("merchant-api");
    }

    @Test
    void anUnreachableServiceIsAnIoErrorAndARefusalByTheGatewayIsNot() {
        assertThat(AdmissionFilter.isUnreachable(new IllegalStateException(new java.net.ConnectException("refused")))).isTrue();
        assertThat(AdmissionFilter.isUnreachable(new IOException("Connection reset"))).isTrue();
        assertThat(AdmissionFilter.isUnreachable(new io.apay.common.core.error.ServiceException(
                io.apay.common.core.error.CommonErrorCodes.PAYLOAD_TOO_LARGE))).isFalse();
        assertThat(AdmissionFilter.isUnreachable(new ResponseStatusException(HttpStatus.NOT_FOUND))).isFalse();
    }

    static org.springframework.http.server.RequestPath path(String raw) {
        return org.springframework.http.server.RequestPath.parse(raw, null);
    }

    @Test
    void admissionRunsBeforeEveryOtherFilterThatDoesWork() {
        List<Integer> later = List.of(AppSignatureFilter.ORDER, MerchantSignatureFilter.ORDER, LoginTokenFilter.ORDER,
                AdminTokenFilter.ORDER, MonitorHandshakeFilter.ORDER, RateLimitFilter.ORDER, IdempotencyFilter.ORDER,
                MeshCredentialFilter.ORDER, ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER,
                NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER);
        assertThat(later).allMatch(order -> order > AdmissionFilter.ORDER);
        assertThat(AdmissionFilter.ORDER).isGreaterThan(Ordered.HIGHEST_PRECEDENCE);
    }

    @Test
    void onlyTheRoutingFiltersResponseTimeoutCountsAsATimeout() {
        // as NettyRoutingFilter reports it: a 504 caused by Spring Cloud Gateway's own TimeoutException
        assertThat(AdmissionFilter.isTimeout(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "slow",
                new org.springframework.cloud.gateway.support.TimeoutException("Response took longer than timeout")))).isTrue();
        assertThat(AdmissionFilter.isTimeout(new IllegalStateException(new TimeoutException()))).isTrue();
        assertThat(AdmissionFilter.isTimeout(new IOException("Connection reset"))).isFalse();
        assertThat(AdmissionFilter.isTimeout(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE))).isFalse();
    }
}
