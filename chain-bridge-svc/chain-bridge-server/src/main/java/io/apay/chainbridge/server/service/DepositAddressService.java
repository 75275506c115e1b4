package io.apay.chainbridge.server.service;

import io.apay.chainbridge.api.ChainBridgeErrorCodes;
import io.apay.chainbridge.api.dto.AddressCheckView;
import io.apay.chainbridge.api.dto.DepositAddressRequest;
import io.apay.chainbridge.api.dto.DepositAddressView;
import io.apay.chainbridge.server.dal.dataobject.DepositAddressDO;
import io.apay.chainbridge.server.dal.mapper.DepositAddressMapper;
import io.apay.common.core.error.ServiceException;
import java.time.Clock;
import java.time.LocalDateTime;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deposit addresses: child {@code 0/i} of the network's xpub (no private key involved), one per owner and network,
 * {@code i} taken from the network's counter under its row lock, so indexes are never reused or skipped by a race.
 */
@Service
public class DepositAddressService {

    private final Networks networks;
    private final DepositAddressMapper addresses;
    private final TransactionTemplate tx;
    private final Clock clock;

    public DepositAddressService(Networks networks, DepositAddressMapper addresses, TransactionTemplate tx, Clock clock) {
        this.networks = networks;
        this.addresses = addresses;
        this.tx = tx;
        this.clock = clock;
    }

    public DepositAddressView depositAddress(DepositAddressRequest request) {
        Network net = networks.require(request.network());
        if (net.xpub() == null) {
            throw new ServiceException(ChainBridgeErrorCodes.DEPOSITS_NOT_CONFIGURED);
        }
        DepositAddressDO existing = addresses.findByOwner(net.name(), request.ownerRef());
        if (existing == null) {
            addresses.ensureCounter(net.name());
            try {
                existing = tx.execute(status -> allocate(net, request.ownerRef()));
            } catch (DuplicateKeyException concurrent) {
                existing = addresses.findByOwner(net.name(), request.ownerRef()); // the same owner asked twice at once
            }
        }
        return view(existing);
    }

    /** Holds the counter's row lock until commit: per network, addresses are inserted (and their ids commit) in order. */
    private DepositAddressDO allocate(Network net, String ownerRef) {
        int index = addresses.lockNextIndex(net.name());
        DepositAddressDO again = addresses.findByOwner(net.name(), ownerRef);
        if (again != null) {
            return again;
        }
        String address;
        while (true) {
            try {
                address = net.adapter().deriveAddress(net.xpub(), "0/" + index);
                break;
            } catch (IllegalStateException invalidChild) {
                index++; // BIP-32: a child that does not exist (probability below 2^-127) is skipped
            }
        }
        DepositAddressDO row = new DepositAddressDO();
        row.setNetwork(net.name());
        row.setAddressIndex(index);
        row.setOwnerRef(ownerRef);
        row.setAddress(address);
        row.setCreatedAt(LocalDateTime.now(clock));
        addresses.insert(row);
        addresses.setNextIndex(net.name(), index + 1);
        return row;
    }

    public AddressCheckView check(String network, String address) {
        Network net = networks.require(network);
        String canonical = net.adapter().canonicalAddress(address)
                .orElseThrow(() -> new ServiceException(ChainBridgeErrorCodes.ADDRESS_INVALID));
        return new AddressCheckView(net.name(), canonical, isPlatformAddress(net, canonical));
    }

    /**
     * Whether a canonical address is one of the platform's own on the network: a deposit address or the hot wallet.
     * Coin the hot wallet sends there is credited to nobody (the scanner skips the hot wallet's transfers).
     */
    public boolean isPlatformAddress(Network net, String canonical) {
        if (net.hotAddress() != null && net.adapter().canonicalAddress(net.hotAddress()).map(canonical::equals).orElse(false)) {
            return true;
        }
        return addresses.findByAddress(net.name(), canonical) != null;
    }

    private static DepositAddressView view(DepositAddressDO row) {
        return new DepositAddressView(row.getNetwork(), row.getOwnerRef(), row.getAddress(), "0/" + row.getAddressIndex());
    }
}
