package io.apay.wallet.server.service;

import io.apay.chainbridge.api.ChainBridgeApi;
import io.apay.chainbridge.api.dto.AddressCheckView;
import io.apay.common.core.error.ServiceException;
import io.apay.wallet.api.WalletErrorCodes;
import org.springframework.stereotype.Component;

/**
 * An address as chain-bridge-svc checks it: malformed, wrong network or bad checksum is its {@code 17003} passed on
 * (unknown network {@code 17001}); a valid one is answered in its canonical form, the form the wallet stores.
 */
@Component
public class ChainAddresses {

    private final ChainBridgeApi chain;

    public ChainAddresses(ChainBridgeApi chain) {
        this.chain = chain;
    }

    public String canonical(String network, String address) {
        return check(network, address).address();
    }

    /**
     * The canonical form of a withdrawal's or payout's destination. One of the platform's own addresses (another
     * owner's deposit address, the hot wallet) is {@link WalletErrorCodes#ADDRESS_OF_THIS_PLATFORM}: coin the hot
     * wallet sends there is credited to nobody, so the owner would lose it; an internal transfer is the way.
     */
    public String destination(String network, String address) {
        AddressCheckView checked = check(network, address);
        if (checked.platformAddress()) {
            throw new ServiceException(WalletErrorCodes.ADDRESS_OF_THIS_PLATFORM);
        }
        return checked.address();
    }

    private AddressCheckView check(String network, String address) {
        return Remote.check("address check on " + network, () -> chain.checkAddress(network, address).checkedData());
    }
}
