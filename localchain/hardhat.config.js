// The local chain of apay's tests and demo: a fixed, public test mnemonic, so account i is always the same address
// (never use it anywhere but a local node).
module.exports = {
  networks: {
    hardhat: {
      chainId: 31337,
      accounts: {
        mnemonic: "test test test test test test test test test test test junk",
        count: 10,
        accountsBalance: "10000000000000000000000"
      }
    }
  }
};
