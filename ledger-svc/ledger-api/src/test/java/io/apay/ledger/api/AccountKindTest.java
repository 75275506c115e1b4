package io.apay.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.ledger.api.enums.AccountKind;
import io.apay.ledger.api.enums.OwnerType;
import org.junit.jupiter.api.Test;

class AccountKindTest {

    @Test
    void onlyClearingAndFundingAccountsMayGoNegative() {
        for (AccountKind kind : AccountKind.values()) {
            boolean clearingOrFunding = kind == AccountKind.FUNDING || kind == AccountKind.DEPOSIT_CLEARING
                    || kind == AccountKind.WITHDRAWAL_CLEARING;
            assertThat(kind.allowsNegative()).as(kind.name()).isEqualTo(clearingOrFunding);
        }
    }

    @Test
    void usersHaveNoPlatformAccountsAndThePlatformHasNoWallet() {
        assertThat(AccountKind.AVAILABLE.allowedFor(OwnerType.USER)).isTrue();
        assertThat(AccountKind.FEE_INCOME.allowedFor(OwnerType.USER)).isFalse();
        assertThat(AccountKind.AVAILABLE.allowedFor(OwnerType.PLATFORM)).isFalse();
        assertThat(AccountKind.MARGIN.allowedFor(OwnerType.ACCEPTOR)).isTrue();
        assertThat(AccountKind.MARGIN.allowedFor(OwnerType.MERCHANT)).isFalse();
    }
}
