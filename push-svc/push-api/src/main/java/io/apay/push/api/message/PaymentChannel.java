package io.apay.push.api.message;

/** The fiat channel an acceptor receives on: the payee channel of an order, the channel a payment came in on. */
public enum PaymentChannel {
    ALIPAY,
    WECHAT,
    BANK
}
