package io.apay.chainbridge.server.signer;

import io.apay.chainbridge.server.chain.Base58;
import io.apay.common.core.crypto.SecretCipher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * A {@link Signer} over a local directory: one file {@code <keyId>.key} per key, holding the key (0x-hex private key or
 * an xprv) encrypted with {@link SecretCipher} under the configured signer key, bound to the key id. A key id
 * {@code <xprvId>/0/17} is the non-hardened child 0/17 of an xprv key (deposit addresses, for sweeping). Decrypted keys
 * stay in memory only; nothing here logs a key.
 */
public class LocalKeystoreSigner implements Signer {

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern CHILD = Pattern.compile("([A-Za-z0-9._-]{1,64})((?:/[0-9]{1,10})+)");
    private static final int XPRV_VERSION = 0x0488ADE4;

    private final Path dir;
    private final SecretCipher cipher;
    private final Map<String, ECKeyPair> keys = new ConcurrentHashMap<>();

    public LocalKeystoreSigner(Path dir, SecretCipher cipher) {
        this.dir = dir;
        this.cipher = cipher;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the keystore directory " + dir, e);
        }
    }

    /** Stores a key under {@code keyId} unless one is stored already (answers false then: keys are never replaced). */
    public boolean importKey(String keyId, String secret) {
        checkId(keyId);
        String s = secret.trim();
        parse(s); // refuse what is not a key before writing anything
        Path file = file(keyId);
        if (Files.exists(file)) {
            return false;
        }
        try {
            Files.writeString(file, cipher.encrypt(s, context(keyId)), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the directory's own permissions protect it
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write key " + keyId, e);
        }
    }

    @Override
    public byte[] publicKey(String keyId) {
        return Numeric.toBytesPadded(key(keyId).getPublicKey(), 64);
    }

    @Override
    public Signature sign(String keyId, byte[] hash) {
        if (hash.length != 32) {
            throw new IllegalArgumentException("a 32-byte hash is signed");
        }
        Sign.SignatureData sig = Sign.signMessage(hash, key(keyId), false);
        return new Signature(sig.getR(), sig.getS(), sig.getV()[0] - 27);
    }

    private ECKeyPair key(String keyId) {
        return keys.computeIfAbsent(keyId, this::load);
    }

    private ECKeyPair load(String keyId) {
        var child = CHILD.matcher(keyId);
        if (child.matches()) {
            if (!(loadBase(child.group(1)) instanceof Bip32ECKeyPair parent)) {
                throw new IllegalArgumentException("key " + child.group(1) + " is not an extended key: it has no children");
            }
            int[] path = Arrays.stream(child.group(2).substring(1).split("/")).mapToInt(Integer::parseInt).toArray();
            return Bip32ECKeyPair.deriveKeyPair(parent, path);
        }
        return loadBase(keyId);
    }

    private ECKeyPair loadBase(String keyId) {
        checkId(keyId);
        Path file = file(keyId);
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no key " + keyId + " in the keystore");
        }
        try {
            return parse(cipher.decrypt(Files.readString(file, StandardCharsets.UTF_8).trim(), context(keyId)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key " + keyId, e);
        }
    }

    private static ECKeyPair parse(String secret) {
        if (secret.startsWith("xprv")) {
            byte[] data = Base58.decodeChecked(secret);
            ByteBuffer b = ByteBuffer.wrap(data);
            if (data.length != 78 || b.getInt() != XPRV_VERSION || data[45] != 0) {
                throw new IllegalArgumentException("not an xprv");
            }
            byte[] chainCode = Arrays.copyOfRange(data, 13, 45);
            byte[] key = Arrays.copyOfRange(data, 46, 78);
            return Bip32ECKeyPair.create(key, chainCode);
        }
        String hex = Numeric.cleanHexPrefix(secret);
        if (!hex.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("a key is 32 bytes of hex or an xprv");
        }
        return ECKeyPair.create(new BigInteger(hex, 16));
    }

    private Path file(String keyId) {
        return dir.resolve(keyId + ".key");
    }

    private static String context(String keyId) {
        return "chain-signer-key:" + keyId;
    }

    private static void checkId(String keyId) {
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("a key id is 1-64 of [A-Za-z0-9._-]");
        }
    }
}
