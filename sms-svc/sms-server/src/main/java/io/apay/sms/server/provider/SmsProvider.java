package io.apay.sms.server.provider;

/** Sends a message; throws {@link SmsSendException} when the provider refuses or cannot be reached. */
public interface SmsProvider {

    String name();

    void send(SmsMessage message);
}
