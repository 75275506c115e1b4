package io.apay.sms.server.provider;

import io.apay.sms.api.PhoneNumbers;
import java.util.Map;

/**
 * One message to send: the rendered text (for providers that send text) and the provider's template code with
 * its parameters (for providers, like Aliyun, that render registered templates themselves).
 */
public record SmsMessage(String phone, String templateCode, Map<String, String> params, String text) {

    @Override
    public String toString() {
        // never the text or the parameters: they hold the code
        return "SmsMessage[phone=" + PhoneNumbers.mask(phone) + ", template=" + templateCode + "]";
    }
}
