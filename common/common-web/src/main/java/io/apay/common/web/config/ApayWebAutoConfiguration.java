package io.apay.common.web.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apay.common.core.json.ApayJackson;
import io.apay.common.web.error.EnvelopeErrorAttributes;
import io.apay.common.web.error.EnvelopeErrorReportValve;
import io.apay.common.web.error.GlobalExceptionHandler;
import io.apay.common.web.oplog.ArgumentSummarizer;
import io.apay.common.web.oplog.OperationLogAdminController;
import io.apay.common.web.oplog.OperationLogAspect;
import io.apay.common.web.oplog.OperationLogWriter;
import io.apay.common.web.overload.InFlightLimitFilter;
import io.apay.common.web.security.AdminAccessInterceptor;
import io.apay.common.web.trace.TraceIdFilter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Wires what every servlet service shares; a service only adds the starter dependency. */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class,
        after = {JdbcTemplateAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ApayWebAutoConfiguration {

    @Bean
    public GlobalExceptionHandler globalExceptionHandler() {
        return new GlobalExceptionHandler();
    }

    @Bean
    public ErrorAttributes errorAttributes() {
        return new EnvelopeErrorAttributes();
    }

    @Bean
    public FilterRegistrationBean<TraceIdFilter> traceIdFilter() {
        FilterRegistrationBean<TraceIdFilter> registration = new FilterRegistrationBean<>(new TraceIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** The bulkhead ({@link InFlightLimitFilter}); {@code apay.web.max-in-flight: 0} turns it off. */
    @Bean
    @ConditionalOnExpression("${apay.web.max-in-flight:0} > 0")
    public FilterRegistrationBean<InFlightLimitFilter> inFlightLimitFilter(@Value("${apay.web.max-in-flight:0}") int maxInFlight,
                                                                           ObjectProvider<MeterRegistry> registry) {
        FilterRegistrationBean<InFlightLimitFilter> registration = new FilterRegistrationBean<>(
                new InFlightLimitFilter(maxInFlight, registry.getIfAvailable(SimpleMeterRegistry::new)));
        // after the trace id and the mesh credential (HIGHEST_PRECEDENCE + 1): the refusal carries the trace id, and
        // only mesh traffic takes a place
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /** Permission checks on every /admin-api/** handler. */
    @Bean
    public WebMvcConfigurer apayAdminAccess() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new AdminAccessInterceptor()).addPathPatterns("/admin-api/**");
            }
        };
    }

    @Bean
    public Jackson2ObjectMapperBuilderCustomizer apayJackson() {
        return builder -> builder.modulesToInstall(modules -> modules.add(ApayJackson.moneyModule()))
                .featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** What Tomcat answers by itself (before any servlet) is the JSON envelope too, not its HTML page. */
    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> apayTomcatErrorReport() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(EnvelopeErrorReportValve.class.getName());
            }
        });
    }

    @Bean
    public ArgumentSummarizer argumentSummarizer(ObjectMapper objectMapper) {
        return new ArgumentSummarizer(objectMapper);
    }

    @Bean
    @ConditionalOnBean({JdbcTemplate.class, PlatformTransactionManager.class})
    public OperationLogWriter operationLogWriter(JdbcTemplate jdbcTemplate, PlatformTransactionManager txManager) {
        return new OperationLogWriter(jdbcTemplate, txManager);
    }

    @Bean
    @ConditionalOnBean(OperationLogWriter.class)
    public OperationLogAspect operationLogAspect(ArgumentSummarizer summarizer, OperationLogWriter writer) {
        return new OperationLogAspect(summarizer, writer);
    }

    @Bean
    @ConditionalOnBean(OperationLogWriter.class)
    public OperationLogAdminController operationLogAdminController(JdbcTemplate jdbcTemplate) {
        return new OperationLogAdminController(jdbcTemplate);
    }

    /** Relative server URL, so "try it out" in the gateway's Swagger UI goes through the gateway. */
    @Bean
    public OpenAPI apayOpenApi(@Value("${spring.application.name}") String name) {
        return new OpenAPI()
                .info(new Info().title(name).description("apay " + name + " API").version("v1"))
                .addServersItem(new Server().url("/"));
    }
}
