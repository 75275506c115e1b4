package io.apay.chainbridge.server.chain;

import io.apay.chainbridge.api.enums.ChainFamily;
import io.apay.chainbridge.server.signer.Signer;
import java.math.BigInteger;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What chain-bridge-svc needs from one network, in chain-neutral terms (one implementation per chain family, one
 * instance per configured network). Amounts are in the coin's base units; a node that does not answer throws
 * {@link ChainUnavailableException}.
 */
public interface ChainAdapter {

    ChainFamily family();

    /** The address of the child {@code path} (e.g. {@code 0/17}) below an account-level extended public key. */
    String deriveAddress(ExtendedPublicKey accountKey, String path);

    /** The address of a public key (64 bytes, uncompressed without prefix), canonical form. */
    String addressOf(byte[] uncompressedPublicKey);

    /** The canonical spelling of a valid address of this family (EVM: EIP-55), or empty if it is not one. */
    Optional<String> canonicalAddress(String address);

    long headBlockNumber();

    /** The hash of the canonical block at {@code number}, empty if there is none (yet). */
    Optional<String> blockHash(long number);

    /**
     * The canonical block at {@code number} with the successful transfers of the native coin and the configured tokens
     * whose recipient {@code watched} accepts (given lowercase).
     */
    ChainBlock block(long number, Predicate<String> watched);

    /**
     * What a transfer signed now must refer to on chain (TRON: the head block), read from the node; null for a family
     * that needs none (EVM). Read before a signing transaction so that no remote call is made inside it.
     */
    default SigningReference signingReference() {
        return null;
    }

    /** Builds and signs (through {@code signer}, never holding a key itself) a transfer; nothing is sent. */
    SignedTx signTransfer(TransferOrder order, Signer signer);

    /**
     * Sends a signed transaction. Answers normally if the node accepted it or already knows it; a refusal (the node
     * says why) throws {@link TxRejectedException}: the caller checks {@link #isKnown} before concluding anything.
     */
    void broadcast(SignedTx tx);

    /** Whether the node has the transaction (pending or mined). */
    boolean isKnown(String txHash);

    /** The receipt of a mined transaction, empty while it is not mined. */
    Optional<TxReceipt> receipt(String txHash);

    /**
     * The next nonce of {@code address} counting its pending transactions; 0 for a family without nonces (then the
     * service's own per-address sequence alone numbers its transactions).
     */
    long pendingNonce(String address);

    /**
     * How many transactions of {@code address} are in the canonical chain up to block {@code blockNumber} (its next
     * nonce as of that block); 0 for a family without nonces.
     */
    default long nonceAt(String address, long blockNumber) {
        return 0;
    }

    /**
     * Whether an address's transactions are ordered by an account nonce, so that a stuck one is replaced by another at
     * the same nonce and a higher fee (EVM). False (TRON): there is no nonce and no fee to raise; a transaction is
     * valid until its expiration, and a new one may be signed only once the last {@link #hasExpired has expired}.
     */
    default boolean usesNonces() {
        return true;
    }

    /**
     * For a family without nonces: whether this signed transaction can no longer be put in a block, by the node's
     * head block time, past its expiration by a configured margin (against a reorg back to an earlier head). Nothing
     * else about it is checked: the caller also asks {@link #isKnown} and {@link #receipt}. With nonces: false.
     */
    default boolean hasExpired(SignedTx tx) {
        return false;
    }

    /** The node's suggested fee price (EVM: gas price in wei; TRON: 1, fees are limited in sun by {@link #feeLimit}). */
    BigInteger feePrice();

    /** The balance of {@code coin} (native or a configured token) held by {@code address}, in base units. */
    BigInteger balance(String coin, String address);

    /**
     * The fee units a transfer of {@code coin} may use (EVM: gas; TRON: the energy fee limit in sun of a token
     * transfer): times {@link #feePrice()}, what a top-up for sweeping must cover.
     */
    BigInteger feeLimit(String coin);
}
