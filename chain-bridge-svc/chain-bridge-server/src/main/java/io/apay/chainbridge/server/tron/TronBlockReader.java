package io.apay.chainbridge.server.tron;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads blocks and the TRC-20 transfers in them from a full node: the block from {@code /wallet/getblockbynum}
 * (ID, parent, transaction IDs) and the logs from {@code /wallet/gettransactioninfobyblocknum}, the raw EVM-style
 * logs of every transaction of that block. The full-node pair is used rather than TronGrid's
 * {@code /v1/contracts/{address}/events} index because it ties each log to a block ID (the index gives no block
 * hash), needs no decoding of the index's result fields, and any full node serves it.
 */
public class TronBlockReader {

    private static final Logger log = LoggerFactory.getLogger(TronBlockReader.class);
    private static final HexFormat HEX = HexFormat.of();
    private static final String TRANSFER_TOPIC = HEX.formatHex(Trc20Transfer.TRANSFER_EVENT_TOPIC);
    private static final int WORD_HEX = 64;

    private final TronGridClient client;

    public TronBlockReader(TronGridClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** The node's head block (not yet irreversible: TRON blocks are final after 19 more blocks are produced). */
    public TronBlockHeader headBlock() {
        return client.nowBlock();
    }

    /** The block at this height, or empty when the node has none (yet). */
    public Optional<TronBlockHeader> block(long number) {
        return client.blockByNumber(number).map(TronGridClient.BlockWithTransactions::header);
    }

    /**
     * The block at this height and the transfers of {@code token} that took effect in it (transactions the node
     * marks failed or reverted are left out, and so are zero-amount transfers, the address-poisoning kind), or empty
     * when the node has no such block yet.
     *
     * @throws TronNodeUnavailableException also when the execution results do not belong to the block just read
     *                                      (it was replaced in between): read again
     */
    public Optional<TronBlockTransfers> tokenTransfers(long number, TronAddress token) {
        Objects.requireNonNull(token, "token");
        return activity(number, List.of(token))
                .map(activity -> new TronBlockTransfers(activity.block(), activity.tokenTransfers()));
    }

    /**
     * The block at this height with the transfers of each of {@code tokens} and the TRX transfers in it, from one read
     * of the block and one of its results (the same rules as {@link #tokenTransfers}), or empty when the node has no
     * such block yet.
     *
     * @throws TronNodeUnavailableException also when the results do not belong to the block just read
     */
    public Optional<TronBlockActivity> activity(long number, Collection<TronAddress> tokens) {
        Objects.requireNonNull(tokens, "tokens");
        Optional<TronGridClient.BlockWithTransactions> block = client.blockByNumber(number);
        if (block.isEmpty()) {
            return Optional.empty();
        }
        TronBlockHeader header = block.get().header();
        List<TronGridClient.TransactionInfo> infos = client.transactionInfosOfBlock(number);
        requireSameTransactions(header, block.get().txIds(), infos);

        List<TronTokenTransfer> transfers = new ArrayList<>();
        for (TronGridClient.TransactionInfo info : infos) {
            if (!info.succeeded()) {
                continue;
            }
            for (int logIndex = 0; logIndex < info.logs().size(); logIndex++) {
                TronGridClient.Log entry = info.logs().get(logIndex);
                for (TronAddress token : tokens) {
                    if (isFrom(entry, token) && isTransfer(entry)) {
                        decodeTransfer(entry, info.id(), logIndex, token, header).ifPresent(transfers::add);
                    }
                }
            }
        }
        return Optional.of(new TronBlockActivity(header, transfers, block.get().trxTransfers()));
    }

    // the two calls are separate reads; if the block was replaced between them its results describe other
    // transactions, and mixing them would attach logs to the wrong block ID
    private static void requireSameTransactions(TronBlockHeader header, List<String> blockTxIds,
                                                List<TronGridClient.TransactionInfo> infos) {
        Set<String> inBlock = new HashSet<>(blockTxIds);
        Set<String> withInfo = new HashSet<>();
        for (TronGridClient.TransactionInfo info : infos) {
            if (info.blockNumber() != header.number()) {
                throw new TronNodeUnavailableException("block " + header.number() + ": a result of transaction "
                        + info.id() + " names block " + info.blockNumber());
            }
            withInfo.add(info.id());
        }
        if (!inBlock.equals(withInfo)) {
            throw new TronNodeUnavailableException("block " + header.number() + " (" + header.blockId()
                    + ") changed while it was read: " + inBlock.size() + " transactions, " + withInfo.size()
                    + " results that do not match them");
        }
    }

    private static boolean isFrom(TronGridClient.Log entry, TronAddress token) {
        String address = entry.addressHex().toLowerCase();
        // the node writes the 20 EVM bytes; accept the 0x41-prefixed form too
        return address.equals(HEX.formatHex(token.evmBytes())) || address.equals(token.hex());
    }

    private static boolean isTransfer(TronGridClient.Log entry) {
        return !entry.topics().isEmpty() && TRANSFER_TOPIC.equalsIgnoreCase(entry.topics().get(0));
    }

    private static Optional<TronTokenTransfer> decodeTransfer(TronGridClient.Log entry, String txHash, int logIndex,
                                                              TronAddress token, TronBlockHeader header) {
        // Transfer(address indexed from, address indexed to, uint256 value): 3 topics, one data word
        if (entry.topics().size() != 3 || !isWord(entry.data())
                || !isWord(entry.topics().get(1)) || !isWord(entry.topics().get(2))) {
            log.warn("tron: a Transfer log of {} in tx {} (log {}) is not shaped like TRC-20; skipped",
                    token, txHash, logIndex);
            return Optional.empty();
        }
        BigInteger amount = new BigInteger(1, HEX.parseHex(entry.data()));
        if (amount.signum() == 0) {
            return Optional.empty();
        }
        return Optional.of(new TronTokenTransfer(txHash, logIndex, token, addressInTopic(entry.topics().get(1)),
                addressInTopic(entry.topics().get(2)), amount, header.number(), header.blockId(),
                header.parentHash()));
    }

    private static boolean isWord(String hex) {
        return hex.length() == WORD_HEX && hex.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    private static TronAddress addressInTopic(String topicHex) {
        return TronAddress.fromEvmBytes(HEX.parseHex(topicHex.substring(WORD_HEX - 40)));
    }
}
