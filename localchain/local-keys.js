// Makes this machine's LOCAL network keys for chain-bridge-svc (bin/apay runs it once and keeps the output in
// ~/.apay/local-secrets.env): a random hot wallet key and a random deposit wallet (its account-level extended keys at
// m/44'/60'/0': chain-bridge-svc derives deposit addresses from the xpub, sweeps with the xprv) and the hot wallet's
// address. Prints env lines.
const { HDKey } = require("ethereum-cryptography/hdkey");
const { getRandomBytesSync } = require("ethereum-cryptography/random");
const { toHex } = require("ethereum-cryptography/utils");
const secp256k1 = require("ethereum-cryptography/secp256k1");
const { keccak256 } = require("ethereum-cryptography/keccak");

const account = HDKey.fromMasterSeed(getRandomBytesSync(64)).derive("m/44'/60'/0'");
const hot = HDKey.fromMasterSeed(getRandomBytesSync(64)).derive("m/44'/60'/0'/0/0");
console.log("APAY_CHAIN_LOCAL_HOT_KEY=0x" + toHex(hot.privateKey));
// the hot wallet's address, so a test can fund it (bin/apay's deploy.js works it out from the key itself)
console.log("APAY_CHAIN_LOCAL_HOT_ADDRESS=0x" + toHex(keccak256(secp256k1.getPublicKey(hot.privateKey, false).slice(1))).slice(-40));
console.log("APAY_CHAIN_LOCAL_DEPOSIT_XPRV=" + account.privateExtendedKey);
console.log("APAY_CHAIN_LOCAL_DEPOSIT_XPUB=" + account.publicExtendedKey);
