package io.apay.common.core.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Everything an operator may be allowed to do, and which roles allow it: the one table of admin access. A service
 * checks an endpoint's permission against the roles the gateway verified (see {@code @RequiresPermission}).
 */
public enum Permission {
    /** An operator's own session (logout, who am I): every operator. */
    SELF(true),
    USER_READ(true),
    USER_FREEZE(false),
    USER_RESET_TWO_FACTOR(false),
    OPERATOR_MANAGE(false),
    APP_CLIENT_MANAGE(false),
    MERCHANT_READ(true),
    MERCHANT_MANAGE(false),
    ACCEPTOR_READ(true),
    ACCEPTOR_REVIEW(false),
    LEDGER_READ(true),
    LEDGER_CREDIT(false),
    OTC_READ(true),
    OTC_RELEASE(false),
    OTC_APPEAL(false),
    OTC_LATE_PAYMENT_REVIEW(false),
    /** Withdrawals and payouts (wallet-svc). */
    WALLET_READ(true),
    /** Approve or reject a withdrawal held for risk review. */
    WITHDRAWAL_REVIEW(false),
    /** Cross-service reconciliation runs and their discrepancies (job-svc). */
    RECONCILIATION_READ(true),
    /** Start a reconciliation run now: the cross-service one (job-svc) or the ledger's own. */
    RECONCILIATION_RUN(false),
    OPLOG_READ(true),
    /** Wealth products, positions and accrual (wealth-svc). */
    WEALTH_READ(true),
    /** Create, edit, publish, pause, resume and retire wealth products. */
    WEALTH_MANAGE(false),
    /** Fund a wealth product's reward pool from the platform's FUNDING account. */
    WEALTH_FUND(false),
    /** Scheduled job runs (job-svc). */
    JOB_READ(true),
    /** Re-run a job (for one day, where the job works by day). */
    JOB_RUN(false);

    private final boolean readOnly;

    Permission(boolean readOnly) {
        this.readOnly = readOnly;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    private static final Map<AdminRole, Set<Permission>> GRANTS = Map.of(
            AdminRole.SUPER_ADMIN, EnumSet.allOf(Permission.class),
            AdminRole.FINANCE, EnumSet.of(LEDGER_CREDIT, OTC_RELEASE, OTC_LATE_PAYMENT_REVIEW, WITHDRAWAL_REVIEW, RECONCILIATION_RUN,
                    WEALTH_MANAGE, WEALTH_FUND, JOB_RUN),
            AdminRole.RISK, EnumSet.of(USER_FREEZE, USER_RESET_TWO_FACTOR, ACCEPTOR_REVIEW, OTC_APPEAL, OTC_LATE_PAYMENT_REVIEW,
                    WITHDRAWAL_REVIEW),
            AdminRole.SUPPORT, EnumSet.noneOf(Permission.class),
            AdminRole.MERCHANT_MANAGER, EnumSet.of(MERCHANT_MANAGE));

    /** Every role may read; beyond that, what {@link #GRANTS} gives it. */
    public static boolean allowed(Collection<AdminRole> roles, Permission permission) {
        if (roles.isEmpty()) {
            return false;
        }
        if (permission.readOnly) {
            return true;
        }
        return roles.stream().anyMatch(r -> GRANTS.get(r).contains(permission));
    }

    /** What a set of roles may do, for the operator's own view and docs/admin.md. */
    public static Set<Permission> of(Collection<AdminRole> roles) {
        Set<Permission> all = EnumSet.noneOf(Permission.class);
        for (Permission p : values()) {
            if (allowed(roles, p)) {
                all.add(p);
            }
        }
        return all;
    }
}
