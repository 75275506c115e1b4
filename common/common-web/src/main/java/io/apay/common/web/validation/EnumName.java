package io.apay.common.web.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A string that must be one of an enum's names (null passes): list filters take the enum from a service's
 * {@code -api} module instead of a copied list of strings. The message lists the allowed names.
 */
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = EnumName.Validator.class)
public @interface EnumName {

    Class<? extends Enum<?>> value();

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<EnumName, String> {

        private java.util.Set<String> names;
        private String allowed;

        @Override
        public void initialize(EnumName a) {
            names = Arrays.stream(a.value().getEnumConstants()).map(Enum::name).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
            allowed = String.join(", ", names);
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || names.contains(value)) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("one of " + allowed).addConstraintViolation();
            return false;
        }
    }
}
