package io.apay.chainbridge.server.service;

import io.apay.chainbridge.api.ChainBridgeErrorCodes;
import io.apay.common.core.error.ServiceException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The configured networks by name. */
public class Networks {

    private final Map<String, Network> byName = new LinkedHashMap<>();

    public Networks(Collection<Network> networks) {
        networks.forEach(n -> byName.put(n.name(), n));
    }

    /** The network, or {@link ChainBridgeErrorCodes#NETWORK_UNKNOWN}. */
    public Network require(String name) {
        Network n = name == null ? null : byName.get(name);
        if (n == null) {
            throw new ServiceException(ChainBridgeErrorCodes.NETWORK_UNKNOWN);
        }
        return n;
    }

    public Collection<Network> all() {
        return byName.values();
    }
}
