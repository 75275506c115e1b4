package io.apay.sms.server.provider;

import com.aliyun.dysmsapi20170525.Client;
import com.aliyun.dysmsapi20170525.models.SendSmsRequest;
import com.aliyun.dysmsapi20170525.models.SendSmsResponse;
import com.aliyun.teaopenapi.models.Config;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apay.sms.server.config.SmsProperties;
import java.util.TreeMap;

/**
 * Aliyun SMS (dysmsapi 2017-05-25): sends the registered template {@code templateCode} with the code as its
 * parameter, under the configured signature. Credentials come from the environment (never from git).
 */
public class AliyunSmsProvider implements SmsProvider {

    private final Client client;
    private final String signName;
    private final ObjectMapper mapper = new ObjectMapper();

    public AliyunSmsProvider(SmsProperties.Aliyun settings) {
        if (isBlank(settings.getAccessKeyId()) || isBlank(settings.getAccessKeySecret()) || isBlank(settings.getSignName())) {
            throw new IllegalStateException("apay.sms.provider=aliyun needs apay.sms.aliyun.access-key-id, access-key-secret and sign-name");
        }
        try {
            this.client = new Client(new Config()
                    .setAccessKeyId(settings.getAccessKeyId())
                    .setAccessKeySecret(settings.getAccessKeySecret())
                    .setEndpoint(settings.getEndpoint())
                    .setProtocol(settings.getProtocol())
                    .setConnectTimeout(3000)
                    .setReadTimeout(5000));
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the Aliyun SMS client", e);
        }
        this.signName = settings.getSignName();
    }

    @Override
    public String name() {
        return "aliyun";
    }

    @Override
    public void send(SmsMessage message) {
        SendSmsResponse response;
        try {
            response = client.sendSms(new SendSmsRequest()
                    .setPhoneNumbers(message.phone().replaceFirst("^\\+86", ""))
                    .setSignName(signName)
                    .setTemplateCode(message.templateCode())
                    .setTemplateParam(mapper.writeValueAsString(new TreeMap<>(message.params()))));
        } catch (JsonProcessingException e) {
            throw new SmsSendException("template parameters not serializable", e);
        } catch (Exception e) {
            throw new SmsSendException("Aliyun SMS call failed: " + e.getClass().getSimpleName(), e);
        }
        String code = response.getBody() == null ? null : response.getBody().getCode();
        if (!"OK".equals(code)) {
            throw new SmsSendException("Aliyun SMS refused the message: " + code, null);
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
