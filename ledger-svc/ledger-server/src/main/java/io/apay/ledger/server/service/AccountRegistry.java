package io.apay.ledger.server.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.apay.common.core.error.ServiceException;
import io.apay.ledger.api.LedgerErrorCodes;
import io.apay.ledger.api.dto.AccountRef;
import io.apay.ledger.api.enums.AccountKind;
import io.apay.ledger.api.enums.OwnerType;
import io.apay.ledger.server.dal.dataobject.AccountDO;
import io.apay.ledger.server.dal.mapper.AccountMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Accounts by address, created on first use. An account's id and address never change, so they are cached;
 * balances never are (the writer reads them under a row lock). The writer resolves all addresses of a batch at
 * once ({@link #resolveAll}); request threads only check addresses ({@link #check}) and never touch the database.
 */
@Component
public class AccountRegistry {

    /** Addresses per lookup or insert statement. */
    private static final int CHUNK = 200;

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

    /** The address, if such an account may exist: a known coin and a kind this owner type can have. */
    public AccountRef check(OwnerType ownerType, String ownerId, String coin, AccountKind kind) {
        AccountRef address = AccountRef.of(ownerType, ownerId, coin, kind);
        coins.scale(coin);
        if (!kind.allowedFor(ownerType)) {
            throw new ServiceException(LedgerErrorCodes.KIND_NOT_ALLOWED_FOR_OWNER, "a " + ownerType + " has no " + kind + " account");
        }
        if (ownerType == OwnerType.PLATFORM && !AccountRef.PLATFORM_OWNER_ID.equals(ownerId)) {
            throw new ServiceException(LedgerErrorCodes.KIND_NOT_ALLOWED_FOR_OWNER,
                    "platform accounts have owner id \"" + AccountRef.PLATFORM_OWNER_ID + "\"");
        }
        return address;
    }

    public AccountRef check(AccountRef ref) {
        return check(ref.ownerType(), ref.ownerId(), ref.coin(), ref.kind());
    }

    /**
     * The accounts at these (checked) addresses, creating those that do not exist yet. Runs its statements on
     * their own (autocommit), never inside a batch's transaction: an account that exists but was never used is
     * harmless, and creating one must never wait on, or hold, a batch's locks.
     */
    public Map<AccountRef, AccountMeta> resolveAll(Collection<AccountRef> addresses) {
        Map<AccountRef, AccountMeta> found = new HashMap<>();
        List<AccountRef> missing = new ArrayList<>();
        for (AccountRef a : addresses) {
            AccountMeta cached = byAddress.getIfPresent(a);
            if (cached != null) {
                found.put(a, cached);
            } else if (!missing.contains(a)) {
                missing.add(a);
            }
        }
        if (missing.isEmpty()) {
            return found;
        }
        load(missing, found);
        List<AccountRef> absent = missing.stream().filter(a -> !found.containsKey(a)).toList();
        if (!absent.isEmpty()) {
            for (List<AccountRef> chunk : chunks(absent)) {
                List<Object> args = new ArrayList<>();
                StringBuilder values = new StringBuilder();
                for (AccountRef a : chunk) {
                    values.append(values.isEmpty() ? "" : ",").append("(?, ?, ?, ?, ?, 0, 0, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))");
                    args.add(a.ownerType().name());
                    args.add(a.ownerId());
                    args.add(a.coin());
                    args.add(a.kind().name());
                    args.add(a.kind().allowsNegative());
                }
                jdbc.update("INSERT INTO ledger_account (owner_type, owner_id, coin, kind, allow_negative, balance, version, created_at, updated_at)"
                        + " VALUES " + values + " ON DUPLICATE KEY UPDATE id = id", args.toArray());
            }
            load(absent, found);
        }
        return found;
    }

    /** The account at this address if it was ever used (for reads: never creates one). */
    public Optional<AccountMeta> find(AccountRef address) {
        AccountMeta cached = byAddress.getIfPresent(address);
        if (cached != null) {
            return Optional.of(cached);
        }
        Map<AccountRef, AccountMeta> found = new HashMap<>();
        load(List.of(address), found);
        return Optional.ofNullable(found.get(address));
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
        return remember(new AccountMeta(row.getId(), row.getOwnerType(), row.getOwnerId(), row.getCoin(), row.getKind()));
    }

    /** One indexed read (a range on the address key) for many addresses. */
    private void load(List<AccountRef> addresses, Map<AccountRef, AccountMeta> into) {
        for (List<AccountRef> chunk : chunks(addresses)) {
            List<Object> args = new ArrayList<>();
            StringBuilder tuples = new StringBuilder();
            for (AccountRef a : chunk) {
                tuples.append(tuples.isEmpty() ? "" : ",").append("(?, ?, ?, ?)");
                args.add(a.ownerType().name());
                args.add(a.ownerId());
                args.add(a.coin());
                args.add(a.kind().name());
            }
            jdbc.query("SELECT id, owner_type, owner_id, coin, kind FROM ledger_account WHERE (owner_type, owner_id, coin, kind) IN ("
                    + tuples + ")", rs -> {
                        AccountMeta meta = remember(new AccountMeta(rs.getLong(1), OwnerType.valueOf(rs.getString(2)), rs.getString(3),
                                rs.getString(4), AccountKind.valueOf(rs.getString(5))));
                        into.put(AccountRef.of(meta.ownerType(), meta.ownerId(), meta.coin(), meta.kind()), meta);
                    }, args.toArray());
        }
    }

    private AccountMeta remember(AccountMeta meta) {
        byAddress.put(AccountRef.of(meta.ownerType(), meta.ownerId(), meta.coin(), meta.kind()), meta);
        byId.put(meta.id(), meta);
        return meta;
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += CHUNK) {
            chunks.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
        }
        return chunks;
    }
}
