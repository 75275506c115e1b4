package io.apay.wallet.server.service;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.apay.common.core.error.ServiceException;
import io.apay.common.web.oplog.OperationLog;
import io.apay.wallet.api.WalletErrorCodes;
import io.apay.wallet.server.config.WalletProperties;
import io.apay.wallet.server.controller.app.vo.AddressBookEntryView;
import io.apay.wallet.server.dal.dataobject.AddressBookDO;
import io.apay.wallet.server.dal.mapper.AddressBookMapper;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * An app user's withdrawal addresses. An address is stored in its canonical form (as chain-bridge-svc answers it) and
 * may be withdrawn to only after the cool-down ({@code apay.wallet.address-cooldown}): a stolen session cannot add
 * an address and empty the wallet at once.
 */
@Service
public class AddressBookService {

    private final AddressBookMapper book;
    private final ChainAddresses addresses;
    private final WalletProperties props;
    private final Clock clock;

    public AddressBookService(AddressBookMapper book, ChainAddresses addresses, WalletProperties props, Clock clock) {
        this.book = book;
        this.addresses = addresses;
        this.props = props;
        this.clock = clock;
    }

    @OperationLog("wallet.address-book.add")
    public AddressBookEntryView add(long userId, String network, String address, String label) {
        String canonical = addresses.canonical(network, address);
        AddressBookDO entry = new AddressBookDO();
        entry.setOwnerRef(OwnerRefs.user(userId));
        entry.setNetwork(network);
        entry.setAddress(canonical);
        entry.setLabel(label);
        entry.setCreatedAt(now());
        entry.setUsableAt(now().plus(props.getAddressCooldown()));
        try {
            book.insert(entry);
        } catch (DuplicateKeyException e) {
            throw new ServiceException(WalletErrorCodes.ADDRESS_ALREADY_IN_BOOK);
        }
        return view(entry);
    }

    public List<AddressBookEntryView> list(long userId) {
        return book.selectList(new LambdaQueryWrapper<AddressBookDO>().eq(AddressBookDO::getOwnerRef, OwnerRefs.user(userId))
                .orderByDesc(AddressBookDO::getId)).stream().map(this::view).toList();
    }

    @OperationLog("wallet.address-book.delete")
    public void delete(long userId, long entryId) {
        if (book.delete(new LambdaQueryWrapper<AddressBookDO>().eq(AddressBookDO::getId, entryId)
                .eq(AddressBookDO::getOwnerRef, OwnerRefs.user(userId))) != 1) {
            throw new ServiceException(WalletErrorCodes.ADDRESS_BOOK_ENTRY_NOT_FOUND);
        }
    }

    /** A withdrawal may go only to a saved address past its cool-down. */
    public void requireUsable(String ownerRef, String network, String canonicalAddress) {
        AddressBookDO entry = book.selectOne(new LambdaQueryWrapper<AddressBookDO>().eq(AddressBookDO::getOwnerRef, ownerRef)
                .eq(AddressBookDO::getNetwork, network).eq(AddressBookDO::getAddress, canonicalAddress));
        if (entry == null) {
            throw new ServiceException(WalletErrorCodes.ADDRESS_NOT_IN_BOOK);
        }
        if (entry.getUsableAt().isAfter(now())) {
            throw new ServiceException(WalletErrorCodes.ADDRESS_COOLING_DOWN,
                    "this address can be used from " + entry.getUsableAt().toInstant(ZoneOffset.UTC));
        }
    }

    private AddressBookEntryView view(AddressBookDO e) {
        return new AddressBookEntryView(e.getId(), e.getNetwork(), e.getAddress(), e.getLabel(), e.getUsableAt().toInstant(ZoneOffset.UTC),
                !e.getUsableAt().isAfter(now()), e.getCreatedAt().toInstant(ZoneOffset.UTC));
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
