package io.apay.common.core.security;

import java.util.EnumSet;
import java.util.Set;

/** What an operator is: a role grants a set of {@link Permission}s (docs/admin.md). */
public enum AdminRole {
    /** Everything, including operators and app clients. */
    SUPER_ADMIN,
    /** Money moves: ledger credits and adjustments, manual releases, late-payment review. */
    FINANCE,
    /** Appeals, freezes, acceptor reviews, two-factor resets. */
    RISK,
    /** Read-only. */
    SUPPORT,
    /** Merchant onboarding: create, suspend, IP whitelist, keys. */
    MERCHANT_MANAGER;

    /** The roles in the gateway's {@link IdentityHeaders#OPERATOR_ROLES} header ("FINANCE,RISK"); unknown names are ignored. */
    public static Set<AdminRole> parseList(String header) {
        Set<AdminRole> roles = EnumSet.noneOf(AdminRole.class);
        if (header == null) {
            return roles;
        }
        for (String name : header.split(",")) {
            for (AdminRole r : values()) {
                if (r.name().equals(name.trim())) {
                    roles.add(r);
                }
            }
        }
        return roles;
    }
}
