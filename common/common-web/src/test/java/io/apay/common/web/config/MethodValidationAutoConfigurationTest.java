package io.apay.common.web.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.beanvalidation.MethodValidationExcludeFilter;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.validation.annotation.Validated;
import org.springframework.validation.beanvalidation.MethodValidationPostProcessor;

class MethodValidationAutoConfigurationTest {

    @Validated
    public static class Greeter {
        public String greet(@NotBlank String name) {
            return "hello " + name;
        }
    }

    /** The context's validator, counting how often method validation asks for it. */
    static final class CountingProvider implements ObjectProvider<Validator> {
        final AtomicInteger lookups = new AtomicInteger();
        final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

        @Override
        public Validator getObject() {
            lookups.incrementAndGet();
            return validator;
        }

        @Override
        public Validator getObject(Object... args) {
            return getObject();
        }

        @Override
        public Validator getIfAvailable() {
            return getObject();
        }

        @Override
        public Validator getIfUnique() {
            return getObject();
        }
    }

    @Test
    void validatedCallsLookUpTheValidatorOnceAndStillValidate() {
        CountingProvider validator = new CountingProvider();
        DefaultListableBeanFactory context = new DefaultListableBeanFactory();
        MethodValidationPostProcessor processor = MethodValidationAutoConfiguration.methodValidationPostProcessor(
                new StandardEnvironment(), validator, context.getBeanProvider(MethodValidationExcludeFilter.class));
        processor.setBeanFactory(context);
        processor.afterPropertiesSet();
        Greeter greeter = (Greeter) processor.postProcessAfterInitialization(new Greeter(), "greeter");
        assertThat(validator.lookups).hasValue(0); // not while the post-processors are set up

        for (int i = 0; i < 5; i++) {
            assertThat(greeter.greet("merchant")).isEqualTo("hello merchant");
        }
        assertThatThrownBy(() -> greeter.greet(" ")).isInstanceOf(ConstraintViolationException.class);

        // Spring's own provider is asked 11 times here (each call's arguments, and the return value of the 5 valid ones)
        assertThat(validator.lookups).hasValue(1);
    }

    @Test
    void itTakesThePlaceOfBootsOwn() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class, MethodValidationAutoConfiguration.class))
                .withBean(Greeter.class)
                .run(context -> {
                    assertThat(context).hasSingleBean(MethodValidationPostProcessor.class);
                    assertThat(context.getBeanFactory().getBeanDefinition("methodValidationPostProcessor").getResourceDescription())
                            .contains(MethodValidationAutoConfiguration.class.getSimpleName());
                    assertThat(context.getBean(Greeter.class).greet("acceptor")).isEqualTo("hello acceptor");
                    assertThatThrownBy(() -> context.getBean(Greeter.class).greet("")).isInstanceOf(ConstraintViolationException.class);
                });
    }
}
