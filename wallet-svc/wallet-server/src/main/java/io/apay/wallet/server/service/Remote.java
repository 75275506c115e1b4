package io.apay.wallet.server.service;

import io.apay.common.core.error.ServiceException;
import io.apay.common.rpc.RemoteOutcome;
import io.apay.wallet.api.WalletErrorCodes;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call made while checking a request, before anything is written or held (read an address, check a code): a
 * refusal is the remote's answer and is thrown as it is (or as the caller maps it); an unknown outcome is
 * {@link WalletErrorCodes#DEPENDENCY_UNAVAILABLE}, and the client retries.
 */
final class Remote {

    private static final Logger log = LoggerFactory.getLogger(Remote.class);

    private Remote() {
    }

    static <T> T check(String what, Supplier<T> call) {
        return value(what, RemoteOutcome.of(call));
    }

    /** As {@link #check}, for an outcome the caller already has (after mapping a refusal code of its own). */
    static <T> T value(String what, RemoteOutcome<T> outcome) {
        if (outcome instanceof RemoteOutcome.Done<T> done) {
            return done.value();
        }
        if (outcome instanceof RemoteOutcome.Refused<T> refused) {
            throw refused.error();
        }
        log.warn("{}: no answer ({})", what, ((RemoteOutcome.Unknown<T>) outcome).error().toString());
        throw new ServiceException(WalletErrorCodes.DEPENDENCY_UNAVAILABLE);
    }
}
