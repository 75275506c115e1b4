package io.apay.common.web.oplog;

import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.trace.TraceIds;
import io.apay.common.web.security.RequestIdentity;
import java.util.Set;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.reflect.MethodSignature;

/** Around every {@link OperationLog} method: time it, then write who did what, with which outcome. */
@Aspect
public class OperationLogAspect {

    private final ArgumentSummarizer summarizer;
    private final OperationLogWriter writer;

    public OperationLogAspect(ArgumentSummarizer summarizer, OperationLogWriter writer) {
        this.summarizer = summarizer;
        this.writer = writer;
    }

    @Around("@annotation(operationLog)")
    public Object record(ProceedingJoinPoint pjp, OperationLog operationLog) throws Throwable {
        long start = System.nanoTime();
        boolean success = false;
        Integer errorCode = null;
        MethodSignature signature = (MethodSignature) pjp.getSignature();
        String reason = summarizer.reason(signature.getParameterNames(), pjp.getArgs());
        OperationLogContext.enter();
        try {
            if (operationLog.reasonRequired() && (reason == null || reason.isBlank())) {
                throw new ServiceException(CommonErrorCodes.VALIDATION_FAILED, "a reason is required for this operation");
            }
            Object result = pjp.proceed();
            success = true;
            return result;
        } catch (ServiceException e) {
            errorCode = e.code();
            throw e;
        } catch (Throwable e) {
            errorCode = CommonErrorCodes.INTERNAL_ERROR.code();
            throw e;
        } finally {
            OperationLogContext.Change change = OperationLogContext.exit();
            String args = summarizer.summarize(signature.getParameterNames(), pjp.getArgs(), Set.of(operationLog.mask()));
            RequestIdentity.Actor actor = RequestIdentity.actor();
            writer.write(new OperationLogRecord(operationLog.value(), actor.type(), actor.id(), args, reason,
                    summarizer.state(change.before()), summarizer.state(change.after()), success, errorCode,
                    (System.nanoTime() - start) / 1_000_000, TraceIds.current(), RequestIdentity.clientIp().orElse(null)));
        }
    }
}
