package io.apay.wallet.server.service;

import io.apay.chainbridge.api.ChainBridgeApi;
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
        return Remote.check("address check on " + network, () -> chain.checkAddress(network, address).checkedData()).address();
    }
}
