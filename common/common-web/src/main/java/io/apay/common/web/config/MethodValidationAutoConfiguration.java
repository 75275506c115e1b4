package io.apay.common.web.config;

import jakarta.validation.Validator;
import java.util.Iterator;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.validation.beanvalidation.FilteredMethodValidationPostProcessor;
import org.springframework.boot.validation.beanvalidation.MethodValidationExcludeFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.validation.beanvalidation.MethodValidationPostProcessor;

/**
 * Spring Boot's method validation ({@code @Validated} beans: our controllers and services), with one change: the
 * {@link Validator} is looked up in the context once. Spring's interceptor resolves it through its
 * {@code ObjectProvider} on every validated call, twice (arguments, return value), and that dependency resolution
 * (candidate search, annotation scanning) was about 5% of merchant-api-svc's CPU on the order path
 * (docs/benchmarks/orders.md). Everything else is as Boot's {@code ValidationAutoConfiguration} sets it up, which
 * steps back for this bean.
 */
@AutoConfiguration(before = ValidationAutoConfiguration.class)
public class MethodValidationAutoConfiguration {

    @Bean
    public static MethodValidationPostProcessor methodValidationPostProcessor(Environment environment, ObjectProvider<Validator> validator,
                                                                              ObjectProvider<MethodValidationExcludeFilter> excludeFilters) {
        FilteredMethodValidationPostProcessor processor = new FilteredMethodValidationPostProcessor(excludeFilters.orderedStream());
        processor.setProxyTargetClass(environment.getProperty("spring.aop.proxy-target-class", Boolean.class, true));
        processor.setAdaptConstraintViolations(environment.getProperty("spring.validation.method.adapt-constraint-violations", Boolean.class, false));
        processor.setValidatorProvider(new ResolvedOnce<>(validator));
        return processor;
    }

    /**
     * A provider whose {@link #getObject()} resolves once, on first use (not while the post-processors are being
     * set up, when the validator's own dependencies may not be ready), and then answers the same instance.
     */
    static final class ResolvedOnce<T> implements ObjectProvider<T> {

        private final ObjectProvider<T> provider;
        private final Supplier<T> resolved;

        ResolvedOnce(ObjectProvider<T> provider) {
            this.provider = provider;
            this.resolved = SingletonSupplier.of(provider::getObject);
        }

        @Override
        public T getObject() throws BeansException {
            return resolved.get();
        }

        @Override
        public T getObject(Object... args) throws BeansException {
            return provider.getObject(args);
        }

        @Override
        public T getIfAvailable() throws BeansException {
            return provider.getIfAvailable();
        }

        @Override
        public T getIfUnique() throws BeansException {
            return provider.getIfUnique();
        }

        @Override
        public Iterator<T> iterator() {
            return provider.iterator();
        }

        @Override
        public Stream<T> stream() {
            return provider.stream();
        }

        @Override
        public Stream<T> orderedStream() {
            return provider.orderedStream();
        }
    }
}
