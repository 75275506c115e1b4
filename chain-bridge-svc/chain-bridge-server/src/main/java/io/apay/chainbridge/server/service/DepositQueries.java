package io.apay.chainbridge.server.service;

import io.apay.chainbridge.api.ChainBridgeErrorCodes;
import io.apay.chainbridge.api.dto.ChainDepositView;
import io.apay.chainbridge.api.dto.NetworkView;
import io.apay.chainbridge.server.dal.mapper.DepositMapper;
import io.apay.common.core.error.ServiceException;
import java.util.List;
import org.springframework.stereotype.Service;

/** Reads of deposits and networks for the API. */
@Service
public class DepositQueries {

    private static final int DEFAULT_OWNER_LIMIT = 50;
    private static final int MAX_LIMIT = 1000;

    private final DepositMapper deposits;
    private final Networks networks;

    public DepositQueries(DepositMapper deposits, Networks networks) {
        this.deposits = deposits;
        this.networks = networks;
    }

    public List<NetworkView> networks() {
        return networks.all().stream().map(Network::view).toList();
    }

    public List<ChainDepositView> ofOwner(String ownerRef, Integer limit) {
        int n = limit == null ? DEFAULT_OWNER_LIMIT : checkLimit(limit);
        return deposits.ofOwner(ownerRef, n).stream().map(Views::deposit).toList();
    }

    /** CONFIRMED deposits in confirmation order after {@code afterSeq} (see {@link io.apay.chainbridge.api.ChainBridgeApi#confirmedDeposits}). */
    public List<ChainDepositView> confirmedAfter(long afterSeq, int limit) {
        return deposits.confirmedAfter(afterSeq, checkLimit(limit)).stream().map(Views::deposit).toList();
    }

    private static int checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ServiceException(ChainBridgeErrorCodes.PAGE_LIMIT);
        }
        return limit;
    }
}
