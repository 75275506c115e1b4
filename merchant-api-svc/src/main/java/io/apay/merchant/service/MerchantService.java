package io.apay.merchant.service;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import com.baomidou.mybatisplus.extension.plugins.pagination.Page;
import io.apay.common.core.crypto.RsaKeys;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.net.IpRange;
import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.common.web.oplog.OperationLog;
import io.apay.common.web.oplog.OperationLogContext;
import io.apay.merchant.MerchantApiErrorCodes;
import io.apay.merchant.controller.admin.vo.MerchantView;
import io.apay.merchant.controller.admin.vo.PayoutAddress;
import io.apay.merchant.controller.rpc.MerchantCredentials;
import io.apay.merchant.dal.dataobject.MerchantDO;
import io.apay.merchant.dal.dataobject.MerchantKeyDO;
import io.apay.merchant.dal.dataobject.MerchantPayoutAddressDO;
import io.apay.merchant.dal.mapper.MerchantKeyMapper;
import io.apay.merchant.dal.mapper.MerchantMapper;
import io.apay.merchant.dal.mapper.MerchantPayoutAddressMapper;
import io.apay.merchant.service.payout.PayoutAddresses;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Merchant onboarding: a merchant, the addresses it calls from, its RSA public key (two during a rotation's grace
 * period) and the chain addresses its payouts may go to. Suspended merchants' requests are refused at the gateway.
 */
@Service
public class MerchantService {

    private final MerchantMapper merchants;
    private final MerchantKeyMapper keys;
    private final MerchantPayoutAddressMapper payoutAddresses;
    private final Clock clock;

    public MerchantService(MerchantMapper merchants, MerchantKeyMapper keys, MerchantPayoutAddressMapper payoutAddresses, Clock clock) {
        this.merchants = merchants;
        this.keys = keys;
        this.payoutAddresses = payoutAddresses;
        this.clock = clock;
    }

    @Transactional
    @OperationLog(value = "merchant.create", reasonRequired = true)
    public MerchantView create(String merchantNo, String name, List<String> ipWhitelist, String publicKeyPem, String reason) {
        RSAPublicKey key = parseKey(publicKeyPem);
        MerchantDO m = new MerchantDO();
        m.setMerchantNo(merchantNo);
        m.setName(name);
        m.setStatus(MerchantDO.ACTIVE);
        m.setIpWhitelist(whitelist(ipWhitelist));
        m.setCreatedAt(now());
        m.setUpdatedAt(now());
        try {
            merchants.insert(m);
        } catch (DuplicateKeyException e) {
            throw new ServiceException(MerchantApiErrorCodes.MERCHANT_NO_TAKEN);
        }
        addKey(m.getId(), key);
        MerchantView view = view(m);
        OperationLogContext.recordChange(null, view);
        return view;
    }

    public MerchantView get(String merchantNo) {
        return view(existing(merchantNo));
    }

    /** Newest first; {@code q} (optional) matches the merchant number exactly or a part of the name, as typed. */
    public PageResult<MerchantView> list(String q, PageParam page) {
        LambdaQueryWrapper<MerchantDO> where = new LambdaQueryWrapper<MerchantDO>().orderByDesc(MerchantDO::getId);
        if (q != null && !q.isBlank()) {
            String text = q.strip();
            where.and(w -> w.eq(MerchantDO::getMerchantNo, text).or().apply("name LIKE {0} ESCAPE '!'", "%" + likeLiteral(text) + "%"));
        }
        Page<MerchantDO> result = merchants.selectPage(new Page<>(page.page(), page.size()), where);
        return new PageResult<>(result.getRecords().stream().map(this::view).toList(), result.getTotal());
    }

    @OperationLog(value = "merchant.suspend", reasonRequired = true)
    public MerchantView suspend(String merchantNo, String reason) {
        return transition(merchantNo, MerchantDO.ACTIVE, MerchantDO.SUSPENDED);
    }

    @OperationLog(value = "merchant.resume", reasonRequired = true)
    public MerchantView resume(String merchantNo, String reason) {
        return transition(merchantNo, MerchantDO.SUSPENDED, MerchantDO.ACTIVE);
    }

    @OperationLog(value = "merchant.ip-whitelist", reasonRequired = true)
    public MerchantView setWhitelist(String merchantNo, List<String> ipWhitelist, String reason) {
        MerchantDO m = existing(merchantNo);
        MerchantView before = view(m);
        MerchantDO change = new MerchantDO();
        change.setId(m.getId());
        change.setIpWhitelist(whitelist(ipWhitelist));
        change.setUpdatedAt(now());
        merchants.updateById(change);
        MerchantView after = get(merchantNo);
        OperationLogContext.recordChange(before, after);
        return after;
    }

    /**
     * Replaces the merchant's payout-address whitelist. An address is one per network; an EVM address in another case
     * is the same address ({@link PayoutAddresses#key}), so listing both is refused.
     */
    @Transactional
    @OperationLog(value = "merchant.payout-addresses", reasonRequired = true)
    public MerchantView setPayoutAddresses(String merchantNo, List<PayoutAddress> addresses, String reason) {
        Set<List<String>> seen = new HashSet<>();
        for (PayoutAddress a : addresses) {
            if (!seen.add(List.of(a.network(), PayoutAddresses.key(a.address())))) {
                throw new ServiceException(MerchantApiErrorCodes.PAYOUT_ADDRESSES_INVALID);
            }
        }
        MerchantDO m = existing(merchantNo);
        merchants.lock(m.getId()); // a concurrent change waits, so "before" is what this one replaces
        MerchantView before = view(m);
        payoutAddresses.delete(new LambdaQueryWrapper<MerchantPayoutAddressDO>().eq(MerchantPayoutAddressDO::getMerchantId, m.getId()));
        for (PayoutAddress a : addresses) {
            MerchantPayoutAddressDO row = new MerchantPayoutAddressDO();
            row.setMerchantId(m.getId());
            row.setNetwork(a.network());
            row.setAddress(a.address());
            row.setAddressKey(PayoutAddresses.key(a.address()));
            row.setCreatedAt(now());
            payoutAddresses.insert(row);
        }
        MerchantView after = get(merchantNo);
        OperationLogContext.recordChange(before, after);
        return after;
    }

    /** Whether {@code address} is on the merchant's payout-address whitelist for {@code network}. */
    public boolean isPayoutAddress(String merchantNo, String network, String address) {
        MerchantDO m = existing(merchantNo);
        return payoutAddresses.exists(new LambdaQueryWrapper<MerchantPayoutAddressDO>().eq(MerchantPayoutAddressDO::getMerchantId, m.getId())
                .eq(MerchantPayoutAddressDO::getNetwork, network).eq(MerchantPayoutAddressDO::getAddressKey, PayoutAddresses.key(address)));
    }

    /** Registers a new key; the merchant's current keys keep verifying for {@code grace}, then stop. */
    @Transactional
    @OperationLog(value = "merchant.key.rotate", reasonRequired = true)
    public MerchantView rotateKey(String merchantNo, String publicKeyPem, Duration grace, String reason) {
        RSAPublicKey key = parseKey(publicKeyPem);
        MerchantDO m = existing(merchantNo);
        MerchantView before = view(m);
        LocalDateTime until = now().plus(grace);
        MerchantKeyDO cap = new MerchantKeyDO();
        cap.setValidUntil(until);
        keys.update(cap, new LambdaQueryWrapper<MerchantKeyDO>().eq(MerchantKeyDO::getMerchantId, m.getId())
                .and(w -> w.isNull(MerchantKeyDO::getValidUntil).or().gt(MerchantKeyDO::getValidUntil, until)));
        addKey(m.getId(), key);
        MerchantView after = get(merchantNo);
        OperationLogContext.recordChange(before, after);
        return after;
    }

    /** For the gateway's signature and whitelist check. */
    public MerchantCredentials credentials(String merchantNo) {
        MerchantDO m = existing(merchantNo);
        List<MerchantCredentials.Key> valid = validKeys(m.getId()).stream()
                .map(k -> new MerchantCredentials.Key(k.getFingerprint(), k.getPublicKeyPem(), instant(k.getValidUntil())))
                .toList();
        return new MerchantCredentials(m.getMerchantNo(), MerchantDO.ACTIVE.equals(m.getStatus()), split(m.getIpWhitelist()), valid);
    }

    private MerchantView transition(String merchantNo, String from, String to) {
        MerchantDO m = existing(merchantNo);
        MerchantView before = view(m);
        MerchantDO change = new MerchantDO();
        change.setStatus(to);
        change.setUpdatedAt(now());
        if (merchants.update(change, new LambdaQueryWrapper<MerchantDO>().eq(MerchantDO::getId, m.getId()).eq(MerchantDO::getStatus, from)) != 1) {
            throw new ServiceException(MerchantApiErrorCodes.MERCHANT_ALREADY_IN_STATE);
        }
        MerchantView after = get(merchantNo);
        OperationLogContext.recordChange(before, after);
        return after;
    }

    private void addKey(long merchantId, RSAPublicKey key) {
        MerchantKeyDO k = new MerchantKeyDO();
        k.setMerchantId(merchantId);
        k.setPublicKeyPem(RsaKeys.toPem(key));
        k.setFingerprint(RsaKeys.fingerprint(key));
        k.setCreatedAt(now());
        keys.insert(k);
    }

    private List<MerchantKeyDO> validKeys(long merchantId) {
        LocalDateTime now = now();
        return keys.selectList(new LambdaQueryWrapper<MerchantKeyDO>().eq(MerchantKeyDO::getMerchantId, merchantId)
                .and(w -> w.isNull(MerchantKeyDO::getValidUntil).or().gt(MerchantKeyDO::getValidUntil, now))
                .orderByDesc(MerchantKeyDO::getId));
    }

    private MerchantDO existing(String merchantNo) {
        MerchantDO m = merchants.selectOne(new LambdaQueryWrapper<MerchantDO>().eq(MerchantDO::getMerchantNo, merchantNo));
        if (m == null) {
            throw new ServiceException(MerchantApiErrorCodes.MERCHANT_NOT_FOUND);
        }
        return m;
    }

    private MerchantView view(MerchantDO m) {
        List<MerchantView.KeyView> keyViews = validKeys(m.getId()).stream()
                .map(k -> new MerchantView.KeyView(k.getFingerprint(), instant(k.getValidUntil()), instant(k.getCreatedAt())))
                .toList();
        List<PayoutAddress> payoutTo = payoutAddresses.selectList(new LambdaQueryWrapper<MerchantPayoutAddressDO>()
                        .eq(MerchantPayoutAddressDO::getMerchantId, m.getId())
                        .orderByAsc(MerchantPayoutAddressDO::getNetwork).orderByAsc(MerchantPayoutAddressDO::getId))
                .stream().map(a -> new PayoutAddress(a.getNetwork(), a.getAddress())).toList();
        return new MerchantView(m.getMerchantNo(), m.getName(), m.getStatus(), split(m.getIpWhitelist()), keyViews, payoutTo,
                instant(m.getCreatedAt()));
    }

    private static RSAPublicKey parseKey(String pem) {
        try {
            return RsaKeys.parsePublic(pem);
        } catch (IllegalArgumentException e) {
            throw new ServiceException(MerchantApiErrorCodes.PUBLIC_KEY_INVALID);
        }
    }

    private static String whitelist(List<String> ranges) {
        try {
            ranges.forEach(IpRange::parse);
        } catch (IllegalArgumentException e) {
            throw new ServiceException(MerchantApiErrorCodes.IP_WHITELIST_INVALID);
        }
        String joined = String.join(",", ranges.stream().map(String::trim).toList());
        if (joined.length() > 1024) {
            throw new ServiceException(MerchantApiErrorCodes.IP_WHITELIST_INVALID);
        }
        return joined;
    }

    private static List<String> split(String whitelist) {
        return whitelist.isEmpty() ? List.of() : Arrays.asList(whitelist.split(","));
    }

    private static Instant instant(LocalDateTime t) {
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }

    /** {@code text} for a LIKE pattern with escape character {@code !}: its % and _ are characters, not wildcards. */
    static String likeLiteral(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
