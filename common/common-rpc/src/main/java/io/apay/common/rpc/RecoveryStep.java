package io.apay.common.rpc;

import io.apay.common.core.error.ServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recovery half of the one pattern (docs/development.md): a service's recovery job calls each stale intent's step
 * again with the same key. One intent's refusal or failure is logged and never stops the others; the next run retries.
 */
public final class RecoveryStep {

    private static final Logger log = LoggerFactory.getLogger(RecoveryStep.class);

    private RecoveryStep() {
    }

    /** Runs one intent's step; answers 1 (it was tried), whatever the outcome. */
    public static int drive(String what, Runnable step) {
        try {
            step.run();
        } catch (ServiceException refused) {
            // the step ended the intent the other way and said why
            log.info("recovery of {}: {}", what, refused.code());
        } catch (RuntimeException e) {
            log.warn("recovery of {} failed, the next run retries: {}", what, e.toString());
        }
        return 1;
    }
}
