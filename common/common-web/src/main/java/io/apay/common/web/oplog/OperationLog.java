package io.apay.common.web.oplog;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Records a user operation in the service's {@code op_log} table: who, which operation, a summary of the
 * arguments with secrets masked, the reason, the state before and after (see {@link OperationLogContext}),
 * outcome, duration and trace id (the seed's "custom annotation + AOP").
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OperationLog {

    /** A stable operation name, e.g. {@code "user.register"}. */
    String value();

    /** Extra argument fields to mask, besides the ones {@link ArgumentSummarizer} always masks. */
    String[] mask() default {};

    /**
     * The operation needs a reason (an argument, or an argument's field, named {@code reason}): every money move
     * and every admin change. Without one it is refused, and the refusal is logged.
     */
    boolean reasonRequired() default false;
}
