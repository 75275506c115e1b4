// Prepares a freshly started local node for the demo: deploys TestUSDT from account #0 (build/TestUSDT.json) and
// funds the hot wallet (its key in APAY_CHAIN_LOCAL_HOT_KEY, read from the environment, never an argument) with
// 100 ETH for gas and 1,000,000 USDT. Prints the token's address. Usage: node deploy.js <rpc-url>
const fs = require("fs");
const path = require("path");
const secp256k1 = require("ethereum-cryptography/secp256k1");
const { keccak256 } = require("ethereum-cryptography/keccak");
const { toHex, hexToBytes } = require("ethereum-cryptography/utils");

const rpcUrl = process.argv[2];
let id = 0;
async function rpc(method, params) {
  const res = await fetch(rpcUrl, { method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params }) });
  const body = await res.json();
  if (body.error) throw new Error(method + ": " + JSON.stringify(body.error));
  return body.result;
}
const word = (hex) => hex.replace(/^0x/, "").toLowerCase().padStart(64, "0");

async function main() {
  const hotKey = (process.env.APAY_CHAIN_LOCAL_HOT_KEY || "").replace(/^0x/, "");
  if (!/^[0-9a-fA-F]{64}$/.test(hotKey)) throw new Error("APAY_CHAIN_LOCAL_HOT_KEY is not set");
  const pub = secp256k1.getPublicKey(hexToBytes(hotKey), false).slice(1);
  const hot = "0x" + toHex(keccak256(pub)).slice(-40);

  const [deployer] = await rpc("eth_accounts", []);
  const { bytecode } = JSON.parse(fs.readFileSync(path.join(__dirname, "build", "TestUSDT.json"), "utf8"));
  const deployTx = await rpc("eth_sendTransaction", [{ from: deployer, data: bytecode, gas: "0x2dc6c0" }]);
  const receipt = await rpc("eth_getTransactionReceipt", [deployTx]);
  if (!receipt || receipt.status !== "0x1") throw new Error("TestUSDT was not deployed");
  const token = receipt.contractAddress;
  // 100 ETH for gas, 1,000,000 USDT (6 decimals) to pay withdrawals with
  await rpc("eth_sendTransaction", [{ from: deployer, to: hot, value: "0x56bc75e2d63100000" }]);
  await rpc("eth_sendTransaction", [{ from: deployer, to: token, gas: "0x30d40",
    data: "0x40c10f19" + word(hot) + word((1000000n * 1000000n).toString(16)) }]);
  console.log(token);
}
main().catch((e) => { console.error(e.message); process.exit(1); });
