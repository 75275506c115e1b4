package io.apay.ledger.server.service;

import com.baomidou.mybatisplus.core.toolkit.Wrappers;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.apay.common.core.error.ServiceException;
import io.apay.ledger.api.LedgerErrorCodes;
import io.apay.ledger.api.dto.AccountRef;
import io.apay.ledger.api.enums.AccountKind;
import io.apay.ledger.api.enums.OwnerType;
import io.apay.ledger.server.dal.dataobject.AccountDO;
import io.apay.ledger.server.dal.mapper.AccountMapper;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Finds accounts by address and creates them on first use. An account's id and address never change, so they are
 * cached; balances are never cached (the writer reads them under a row lock).
 */
@Component
public class AccountRegistry {

    private final AccountMapper accountMapper;
    private final JdbcTemplate jdbc;
    private final CoinRegistry coins;
    private final Cache<AccountRef, AccountMeta> byAddress = Caffeine.newBuilder().maximumSize(200_000).build();
    private final Cache<Long, AccountMeta> byId = Caffeine.newBuilder().maximumSize(200_000).build();

    public AccountRegistry(AccountMapper accountMapper, JdbcTemplate jdbc, CoinRegistry coins) {
        this.accountMapper = accountMapper;
        this.jdbc = jdbc;
        this.coins = coins;
    }

    /** The account at this address, created (with a zero balance) if it does not exist yet. */
    public AccountMeta resolve(OwnerType ownerType, String ownerId, String coin, AccountKind kind) {
        AccountRef address = AccountRef.of(ownerType, ownerId, coin, kind);
        validate(address);
        Optional<AccountMeta> existing = find(address);
        if (existing.isPresent()) {
            return existing.get();
        }
        // autocommit, outside any batch: an account that exists but was never used is harmless. A plain read
        // comes first because this insert locks the row, and the writer may hold that lock for a batch.
        jdbc.update("INSERT INTO ledger_account (owner_type, owner_id, coin, kind, allow_negative, balance, version, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, 0, 0, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3)) ON DUPLICATE KEY UPDATE id = id",
                ownerType.name(), ownerId, coin, kind.name(), kind.allowsNegative());
        return find(address).orElseThrow(() -> new IllegalStateException("account vanished: " + address));
    }

    public AccountMeta resolve(AccountRef ref) {
        return resolve(ref.ownerType(), ref.ownerId(), ref.coin(), ref.kind());
    }

    /** The account at this address if it was ever used. */
    public Optional<AccountMeta> find(AccountRef address) {
        AccountMeta cached = byAddress.getIfPresent(address);
        if (cached != null) {
            return Optional.of(cached);
        }
        AccountDO row = accountMapper.selectOne(Wrappers.<AccountDO>lambdaQuery()
                .eq(AccountDO::getOwnerType, address.ownerType()).eq(AccountDO::getOwnerId, address.ownerId())
                .eq(AccountDO::getCoin, address.coin()).eq(AccountDO::getKind, address.kind()));
        return Optional.ofNullable(row).map(this::remember);
    }

    public AccountMeta byId(long id) {
        AccountMeta cached = byId.getIfPresent(id);
        if (cached != null) {
            return cached;
        }
        AccountDO row = accountMapper.selectById(id);
        if (row == null) {
            throw new ServiceException(LedgerErrorCodes.ACCOUNT_NOT_FOUND);
        }
        return remember(row);
    }

    public AccountMeta remember(AccountDO row) {
        AccountMeta meta = new AccountMeta(row.getId(), row.getOwnerType(), row.getOwnerId(), row.getCoin(), row.getKind());
        byAddress.put(AccountRef.of(meta.ownerType(), meta.ownerId(), meta.coin(), meta.kind()), meta);
        byId.put(meta.id(), meta);
        return meta;
    }

    private void validate(AccountRef address) {
        coins.scale(address.coin()); // an unknown coin is refused before anything is written
        if (!address.kind().allowedFor(address.ownerType())) {
            throw new ServiceException(LedgerErrorCodes.KIND_NOT_ALLOWED_FOR_OWNER,
                    "a " + address.ownerType() + " has no " + address.kind() + " account");
        }
        if (address.ownerType() == OwnerType.PLATFORM && !AccountRef.PLATFORM_OWNER_ID.equals(address.ownerId())) {
            throw new ServiceException(LedgerErrorCodes.KIND_NOT_ALLOWED_FOR_OWNER,
                    "platform accounts have owner id \"" + AccountRef.PLATFORM_OWNER_ID + "\"");
        }
    }
}
