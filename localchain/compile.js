// Compiles contracts/TestUSDT.sol offline with the pinned solc-js and writes build/TestUSDT.json ({abi, bytecode}),
// which the Java test tooling (LocalChain) and bin/apay deploy. The output is committed: run `node compile.js` in
// localchain/ after changing the contract and commit both.
const fs = require("fs");
const path = require("path");
const solc = require("solc");

const source = fs.readFileSync(path.join(__dirname, "contracts", "TestUSDT.sol"), "utf8");
const input = {
  language: "Solidity",
  sources: { "TestUSDT.sol": { content: source } },
  settings: {
    // pinned: the compiler's default EVM version may be newer than the node runs
    evmVersion: "cancun",
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } }
  }
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors || []).filter((e) => e.severity === "error");
if (errors.length) {
  console.error(errors.map((e) => e.formattedMessage).join("\n"));
  process.exit(1);
}
const contract = output.contracts["TestUSDT.sol"].TestUSDT;
fs.mkdirSync(path.join(__dirname, "build"), { recursive: true });
fs.writeFileSync(path.join(__dirname, "build", "TestUSDT.json"),
  JSON.stringify({ abi: contract.abi, bytecode: "0x" + contract.evm.bytecode.object }, null, 2) + "\n");
console.log("wrote build/TestUSDT.json");
