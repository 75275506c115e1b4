package io.apay.chainbridge.server.chain;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.web3j.crypto.Hash;

/**
 * A BIP-32 extended public key (xpub) and public child derivation (CKDpub): deposit addresses are derived from the
 * account-level xpub of a network (m/44'/60'/0' for EVM) as {@code 0/i}, so the service never holds their private
 * keys. Only non-hardened children can be derived from a public key.
 */
public record ExtendedPublicKey(int depth, int parentFingerprint, int childNumber, byte[] chainCode, byte[] publicKey) {

    private static final int XPUB_VERSION = 0x0488B21E;
    private static final int HARDENED = 0x80000000;
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");

    public ExtendedPublicKey {
        if (chainCode.length != 32 || publicKey.length != 33) {
            throw new IllegalArgumentException("an extended public key has a 32-byte chain code and a 33-byte compressed key");
        }
        CURVE.getCurve().decodePoint(publicKey); // throws if not on the curve
    }

    /** From a point (any encoding) and chain code, e.g. a key derived privately by web3j. */
    public static ExtendedPublicKey of(int depth, int parentFingerprint, int childNumber, byte[] chainCode, ECPoint point) {
        return new ExtendedPublicKey(depth, parentFingerprint, childNumber, chainCode, point.getEncoded(true));
    }

    /** Parses an {@code xpub...} string; IllegalArgumentException if it is not one (checksum, version, length, point). */
    public static ExtendedPublicKey parse(String xpub) {
        byte[] data = Base58.decodeChecked(xpub.trim());
        if (data.length != 78) {
            throw new IllegalArgumentException("an xpub is 78 bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        if (b.getInt() != XPUB_VERSION) {
            throw new IllegalArgumentException("not an xpub (version)");
        }
        int depth = b.get() & 0xff;
        int fingerprint = b.getInt();
        int child = b.getInt();
        byte[] chainCode = new byte[32];
        b.get(chainCode);
        byte[] key = new byte[33];
        b.get(key);
        return new ExtendedPublicKey(depth, fingerprint, child, chainCode, key);
    }

    /** CKDpub: the child at non-hardened {@code index} (HMAC-SHA512 over the parent key and index, then a point add). */
    public ExtendedPublicKey derive(int index) {
        if ((index & HARDENED) != 0) {
            throw new IllegalArgumentException("a hardened child cannot be derived from a public key");
        }
        byte[] data = ByteBuffer.allocate(37).put(publicKey).putInt(index).array();
        byte[] i = Hash.hmacSha512(chainCode, data);
        java.math.BigInteger il = new java.math.BigInteger(1, Arrays.copyOfRange(i, 0, 32));
        if (il.compareTo(CURVE.getN()) >= 0) {
            throw new IllegalStateException("invalid child " + index + " (IL >= n): use the next index");
        }
        ECPoint child = CURVE.getG().multiply(il).add(point()).normalize();
        if (child.isInfinity()) {
            throw new IllegalStateException("invalid child " + index + " (point at infinity): use the next index");
        }
        return of(depth + 1, fingerprint(), index, Arrays.copyOfRange(i, 32, 64), child);
    }

    /** Derives along a path of non-hardened indexes below this key, e.g. {@code "0/17"}. */
    public ExtendedPublicKey derivePath(String path) {
        ExtendedPublicKey key = this;
        for (String part : path.split("/")) {
            key = key.derive(Integer.parseInt(part));
        }
        return key;
    }

    public ECPoint point() {
        return CURVE.getCurve().decodePoint(publicKey);
    }

    /** The 64-byte uncompressed public key (x || y), as EVM and TRON addresses are hashed from. */
    public byte[] uncompressed() {
        byte[] full = point().getEncoded(false);
        return Arrays.copyOfRange(full, 1, full.length);
    }

    public int fingerprint() {
        return ByteBuffer.wrap(Hash.sha256hash160(publicKey)).getInt();
    }

    public String toBase58() {
        ByteBuffer b = ByteBuffer.allocate(78).putInt(XPUB_VERSION).put((byte) depth).putInt(parentFingerprint)
                .putInt(childNumber).put(chainCode).put(publicKey);
        return Base58.encodeChecked(b.array());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExtendedPublicKey k && k.toBase58().equals(toBase58());
    }

    @Override
    public int hashCode() {
        return toBase58().hashCode();
    }

    @Override
    public String toString() {
        return "ExtendedPublicKey[" + toBase58() + "]";
    }
}
