package io.apay.chainbridge.server.tron;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Objects;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;

/**
 * An unsigned TRON transaction with one contract, encoded here as the protobuf {@code Transaction.raw} the chain
 * hashes: {@code txID = sha256(raw_data)}. Field numbers (java-tron protocol, core/Tron.proto and
 * core/contract/*.proto): raw {ref_block_bytes=1, ref_block_hash=4, expiration=8, contract=11, timestamp=14,
 * fee_limit=18}; Contract {type=1, parameter=2 (google.protobuf.Any {type_url=1, value=2})}; TransferContract
 * {owner_address=1, to_address=2, amount=3}; TriggerSmartContract {owner_address=1, contract_address=2,
 * call_value=3, data=4}.
 */
public final class TronTransaction {

    /** The contract types built here, with their protobuf enum value and Any type name. */
    public enum ContractType {
        TRANSFER(1, "TransferContract"),
        TRIGGER_SMART_CONTRACT(31, "TriggerSmartContract");

        private final int protoValue;
        private final String protoName;

        ContractType(int protoValue, String protoName) {
            this.protoValue = protoValue;
            this.protoName = protoName;
        }

        String typeUrl() {
            return "type.googleapis.com/protocol." + protoName;
        }
    }

    private static final HexFormat HEX = HexFormat.of();

    private final TronAddress owner;
    private final ContractType contractType;
    private final byte[] rawData;
    private final byte[] txId;

    private TronTransaction(TronAddress owner, ContractType contractType, byte[] rawData) {
        this.owner = owner;
        this.contractType = contractType;
        this.rawData = rawData;
        this.txId = Hash.sha256(rawData);
    }

    /** A TRX transfer of {@code amountSun} (1 TRX = 1000000 sun). TRX transfers take no fee limit. */
    public static TronTransaction trxTransfer(TronAddress owner, TronAddress to, long amountSun,
                                              TronTxValidity validity) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(to, "to");
        if (amountSun <= 0) {
            throw new IllegalArgumentException("a TRX amount must be positive");
        }
        byte[] transfer = new ProtobufWriter()
                .bytes(1, owner.bytes())
                .bytes(2, to.bytes())
                .varint(3, amountSun)
                .toByteArray();
        return new TronTransaction(owner, ContractType.TRANSFER, raw(ContractType.TRANSFER, transfer, 0, validity));
    }

    /**
     * A TRC-20 {@code transfer(to, amount)} on {@code token} ({@code amount} in the token's base units), paying at
     * most {@code feeLimitSun} for energy. A transfer that needs more energy than that fails on chain (and is
     * charged), so set it generously (tens of TRX for USDT).
     */
    public static TronTransaction trc20Transfer(TronAddress owner, TronAddress token, TronAddress to,
                                                BigInteger amount, long feeLimitSun, TronTxValidity validity) {
        Objects.requireNonNull(to, "to");
        return triggerSmartContract(owner, token, Trc20Transfer.callData(to, amount), feeLimitSun, validity);
    }

    /** A call of {@code contract} with prepared call data and no TRX attached. */
    public static TronTransaction triggerSmartContract(TronAddress owner, TronAddress contract, byte[] callData,
                                                       long feeLimitSun, TronTxValidity validity) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(contract, "contract");
        if (callData.length == 0) {
            throw new IllegalArgumentException("call data is required");
        }
        if (feeLimitSun < 0) {
            throw new IllegalArgumentException("a fee limit cannot be negative");
        }
        byte[] trigger = new ProtobufWriter()
                .bytes(1, owner.bytes())
                .bytes(2, contract.bytes())
                .bytes(4, callData)
                .toByteArray();
        return new TronTransaction(owner, ContractType.TRIGGER_SMART_CONTRACT,
                raw(ContractType.TRIGGER_SMART_CONTRACT, trigger, feeLimitSun, validity));
    }

    /** Signs with the owner's key. */
    public SignedTronTransaction sign(ECKeyPair ownerKey) {
        return withSignature(TronSignatures.sign(txId, ownerKey));
    }

    /**
     * Attaches a signature made elsewhere (an HSM, a signing service) over {@link #txId()}.
     *
     * @throws IllegalArgumentException when the signature is not the owner's over this transaction, so a wrong key
     *                                  or a signature of another transaction is caught before broadcast
     */
    public SignedTronTransaction withSignature(byte[] signature) {
        TronAddress signer = TronSignatures.recoverSigner(txId, signature);
        if (!signer.equals(owner)) {
            throw new IllegalArgumentException("the signature is by " + signer + ", not by the owner " + owner);
        }
        return new SignedTronTransaction(txId.clone(), rawData.clone(), signature.clone());
    }

    public TronAddress owner() {
        return owner;
    }

    public ContractType contractType() {
        return contractType;
    }

    /** The 32-byte transaction ID, what is signed; a copy. */
    public byte[] txId() {
        return txId.clone();
    }

    /** The transaction ID in lowercase hex, as the node and explorers show it. */
    public String txIdHex() {
        return HEX.formatHex(txId);
    }

    /** The protobuf {@code raw_data}; a copy. */
    public byte[] rawData() {
        return rawData.clone();
    }

    public String rawDataHex() {
        return HEX.formatHex(rawData);
    }

    private static byte[] raw(ContractType type, byte[] contractValue, long feeLimitSun, TronTxValidity validity) {
        Objects.requireNonNull(validity, "validity");
        byte[] any = new ProtobufWriter()
                .string(1, type.typeUrl())
                .bytes(2, contractValue)
                .toByteArray();
        byte[] contract = new ProtobufWriter()
                .varint(1, type.protoValue)
                .message(2, any)
                .toByteArray();
        return new ProtobufWriter()
                .bytes(1, validity.refBlock().refBlockBytes())
                .bytes(4, validity.refBlock().refBlockHash())
                .varint(8, validity.expirationMillis())
                .message(11, contract)
                .varint(14, validity.timestampMillis())
                .varint(18, feeLimitSun)
                .toByteArray();
    }
}
