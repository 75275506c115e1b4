package io.apay.chainbridge.server.chain.evm;

import io.apay.chainbridge.api.enums.ChainFamily;
import io.apay.chainbridge.server.chain.ChainAdapter;
import io.apay.chainbridge.server.chain.ChainBlock;
import io.apay.chainbridge.server.chain.ChainTransfer;
import io.apay.chainbridge.server.chain.ChainUnavailableException;
import io.apay.chainbridge.server.chain.ExtendedPublicKey;
import io.apay.chainbridge.server.chain.SignedTx;
import io.apay.chainbridge.server.chain.TransferOrder;
import io.apay.chainbridge.server.chain.TxReceipt;
import io.apay.chainbridge.server.chain.TxRejectedException;
import io.apay.chainbridge.server.config.ChainProperties;
import io.apay.chainbridge.server.signer.Signer;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The EVM family on web3j: Ethereum, BSC, Polygon, Arbitrum, Base and a local hardhat node differ only by
 * configuration (chain id, RPC URL, tokens). Transactions are legacy (gas price) with EIP-155 replay protection, which
 * every one of them accepts; a replacement is the same nonce at a higher gas price.
 */
public class EvmChainAdapter implements ChainAdapter {

    /** keccak256("Transfer(address,address,uint256)"). */
    static final String TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
    private static final String TRANSFER_SELECTOR = "a9059cbb";
    private static final String BALANCE_OF_SELECTOR = "70a08231";
    private static final Pattern HEX_ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    private final String network;
    private final ChainProperties.Network config;
    private final Web3j web3j;
    /** Token coin by lowercase contract address, and the reverse. */
    private final Map<String, String> coinByContract = new HashMap<>();

    public EvmChainAdapter(String network, ChainProperties.Network config, Web3j web3j) {
        this.network = network;
        this.config = config;
        this.web3j = web3j;
        config.getTokens().forEach((coin, token) -> coinByContract.put(token.getContract().toLowerCase(Locale.ROOT), coin));
    }

    @Override
    public ChainFamily family() {
        return ChainFamily.EVM;
    }

    @Override
    public String deriveAddress(ExtendedPublicKey accountKey, String path) {
        return addressOf(accountKey.derivePath(path).uncompressed());
    }

    @Override
    public String addressOf(byte[] uncompressedPublicKey) {
        return Keys.toChecksumAddress(Numeric.toHexString(Keys.getAddress(uncompressedPublicKey)));
    }

    /**
     * EIP-55: all-lowercase or all-uppercase hex is taken as unchecksummed; mixed case must match the checksum exactly
     * (a single wrong letter is the typo the checksum exists to catch).
     */
    @Override
    public Optional<String> canonicalAddress(String address) {
        if (address == null || !HEX_ADDRESS.matcher(address).matches()) {
            return Optional.empty();
        }
        String hex = address.substring(2);
        String checksummed = Keys.toChecksumAddress(address.toLowerCase(Locale.ROOT));
        boolean uniformCase = hex.equals(hex.toLowerCase(Locale.ROOT)) || hex.equals(hex.toUpperCase(Locale.ROOT));
        return uniformCase || checksummed.equals(address) ? Optional.of(checksummed) : Optional.empty();
    }

    @Override
    public long headBlockNumber() {
        return send(web3j.ethBlockNumber()).getBlockNumber().longValueExact();
    }

    @Override
    public Optional<String> blockHash(long number) {
        EthBlock.Block block = send(web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false)).getBlock();
        return Optional.ofNullable(block).map(EthBlock.Block::getHash);
    }

    @Override
    public ChainBlock block(long number, Predicate<String> watched) {
        EthBlock.Block block = send(web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), true)).getBlock();
        if (block == null) {
            throw new ChainUnavailableException(network + ": block " + number + " is not there (any more)");
        }
        List<ChainTransfer> transfers = new ArrayList<>();
        for (EthBlock.TransactionResult<?> result : block.getTransactions()) {
            var tx = (org.web3j.protocol.core.methods.response.Transaction) result.get();
            if (tx.getTo() != null && tx.getValue().signum() > 0 && watched.test(tx.getTo().toLowerCase(Locale.ROOT))) {
                // a transfer of the native coin happened only if its transaction succeeded
                if (receipt(tx.getHash()).map(TxReceipt::success).orElse(false)) {
                    transfers.add(new ChainTransfer(tx.getHash(), -1, config.getNativeCoin(), checksum(tx.getFrom()),
                            checksum(tx.getTo()), tx.getValue()));
                }
            }
        }
        for (Map.Entry<String, String> token : coinByContract.entrySet()) {
            // by block hash (EIP-234): the logs of exactly the block read above, even if a reorg happens meanwhile
            EthFilter filter = new EthFilter(block.getHash(), token.getKey()).addSingleTopic(TRANSFER_TOPIC);
            for (var result : send(web3j.ethGetLogs(filter)).getLogs()) {
                Log log = (Log) result.get();
                if (log.isRemoved() || log.getTopics().size() != 3) {
                    continue;
                }
                String to = topicAddress(log.getTopics().get(2));
                if (watched.test(to)) {
                    // logs exist only for successful transactions: a reverted transfer emits none
                    transfers.add(new ChainTransfer(log.getTransactionHash(), log.getLogIndex().intValueExact(), token.getValue(),
                            checksum(topicAddress(log.getTopics().get(1))), checksum(to), Numeric.toBigInt(log.getData())));
                }
            }
        }
        return new ChainBlock(number, block.getHash(), block.getParentHash(), transfers);
    }

    @Override
    public SignedTx signTransfer(TransferOrder order, Signer signer) {
        RawTransaction raw;
        BigInteger nonce = BigInteger.valueOf(order.nonce());
        if (order.coin().equals(config.getNativeCoin())) {
            raw = RawTransaction.createEtherTransaction(nonce, order.feePrice(), config.getGas().getNativeTransferGas(),
                    order.to(), order.units());
        } else {
            String data = "0x" + TRANSFER_SELECTOR + word(Numeric.cleanHexPrefix(order.to()).toLowerCase(Locale.ROOT))
                    + word(order.units().toString(16));
            raw = RawTransaction.createTransaction(nonce, order.feePrice(), config.getGas().getTokenTransferGas(),
                    contractOf(order.coin()), BigInteger.ZERO, data);
        }
        long chainId = config.getChainId();
        Signer.Signature sig = signer.sign(order.keyId(), Hash.sha3(TransactionEncoder.encode(raw, chainId)));
        Sign.SignatureData data = TransactionEncoder.createEip155SignatureData(
                new Sign.SignatureData((byte) (27 + sig.recoveryId()), sig.r(), sig.s()), chainId);
        byte[] signed = TransactionEncoder.encode(raw, data);
        return new SignedTx(Numeric.toHexString(Hash.sha3(signed)), Numeric.toHexString(signed));
    }

    @Override
    public void broadcast(SignedTx tx) {
        var answer = call(web3j.ethSendRawTransaction(tx.raw()));
        if (answer.hasError()) {
            throw new TxRejectedException(answer.getError().getMessage());
        }
    }

    @Override
    public boolean isKnown(String txHash) {
        return send(web3j.ethGetTransactionByHash(txHash)).getTransaction().isPresent();
    }

    @Override
    public Optional<TxReceipt> receipt(String txHash) {
        Optional<TransactionReceipt> r = send(web3j.ethGetTransactionReceipt(txHash)).getTransactionReceipt();
        return r.map(t -> new TxReceipt(t.getTransactionHash(), t.getBlockNumber().longValueExact(), t.getBlockHash(), t.isStatusOK()));
    }

    @Override
    public long pendingNonce(String address) {
        return send(web3j.ethGetTransactionCount(address, DefaultBlockParameterName.PENDING)).getTransactionCount().longValueExact();
    }

    @Override
    public long nonceAt(String address, long blockNumber) {
        return send(web3j.ethGetTransactionCount(address, DefaultBlockParameter.valueOf(BigInteger.valueOf(blockNumber))))
                .getTransactionCount().longValueExact();
    }

    @Override
    public BigInteger feePrice() {
        return send(web3j.ethGasPrice()).getGasPrice();
    }

    @Override
    public BigInteger balance(String coin, String address) {
        if (coin.equals(config.getNativeCoin())) {
            return send(web3j.ethGetBalance(address, DefaultBlockParameterName.LATEST)).getBalance();
        }
        String data = "0x" + BALANCE_OF_SELECTOR + word(Numeric.cleanHexPrefix(address).toLowerCase(Locale.ROOT));
        String value = send(web3j.ethCall(Transaction.createEthCallTransaction(null, contractOf(coin), data),
                DefaultBlockParameterName.LATEST)).getValue();
        return value == null || value.equals("0x") ? BigInteger.ZERO : Numeric.toBigInt(value);
    }

    @Override
    public BigInteger feeLimit(String coin) {
        return coin.equals(config.getNativeCoin()) ? config.getGas().getNativeTransferGas() : config.getGas().getTokenTransferGas();
    }

    private String contractOf(String coin) {
        ChainProperties.Token token = config.getTokens().get(coin);
        if (token == null) {
            throw new IllegalArgumentException(coin + " is not a token of " + network);
        }
        return token.getContract();
    }

    private static String checksum(String address) {
        return Keys.toChecksumAddress(address.toLowerCase(Locale.ROOT));
    }

    private static String topicAddress(String topic) {
        String hex = Numeric.cleanHexPrefix(topic);
        return "0x" + hex.substring(hex.length() - 40).toLowerCase(Locale.ROOT);
    }

    private static String word(String hex) {
        return "0".repeat(64 - hex.length()) + hex;
    }

    /** Sends and fails on a JSON-RPC error too. */
    private <T extends Response<?>> T send(Request<?, T> request) {
        T answer = call(request);
        if (answer.hasError()) {
            throw new ChainUnavailableException(network + ": " + request.getMethod() + " answered " + answer.getError().getMessage());
        }
        return answer;
    }

    private <T extends Response<?>> T call(Request<?, T> request) {
        try {
            return request.send();
        } catch (IOException | RuntimeException e) {
            throw new ChainUnavailableException(network + ": the node did not answer " + request.getMethod(), e);
        }
    }
}
