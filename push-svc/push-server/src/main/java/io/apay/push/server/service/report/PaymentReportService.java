package io.apay.push.server.service.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.money.Money;
import io.apay.common.core.validation.PlainText;
import io.apay.common.mq.OutboxPublisher;
import io.apay.push.api.PushErrorCodes;
import io.apay.push.api.event.PaymentReceivedEvent;
import io.apay.push.api.event.PushEvents;
import io.apay.push.api.message.PaymentChannel;
import io.apay.push.server.dal.dataobject.PaymentReportDO;
import io.apay.push.server.dal.mapper.PaymentReportMapper;
import io.apay.push.server.service.device.MonitorSignatures;
import io.apay.push.server.service.session.MonitorSession;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code payment.received} reports: checked, verified against the device's signature, stored once per
 * {@code (device, notificationId)} and published as {@link PushEvents#PAYMENT_RECEIVED} in the same transaction.
 */
@Service
public class PaymentReportService {

    private static final Logger log = LoggerFactory.getLogger(PaymentReportService.class);
    private static final Pattern NOTIFICATION_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern SIGNATURE = Pattern.compile("[0-9a-fA-F]{64}");
    /** Fiat currencies without minor units; every other one has 2 decimals. */
    private static final Set<String> ZERO_DECIMAL = Set.of("JPY", "KRW", "VND", "IDR", "CLP", "ISK", "UGX");
    private static final Duration MAX_FUTURE = Duration.ofMinutes(5);
    private static final int MAX_REMARK = 256;

    /** What the monitor is told. */
    public record Outcome(String status, String reportId) {
    }

    private final PaymentReportMapper reports;
    private final OutboxPublisher outbox;
    private final TransactionTemplate tx;
    private final Clock clock;

    public PaymentReportService(PaymentReportMapper reports, OutboxPublisher outbox, PlatformTransactionManager txManager,
                                Clock clock) {
        this.reports = reports;
        this.outbox = outbox;
        this.tx = new TransactionTemplate(txManager);
        this.clock = clock;
    }

    public Outcome receive(MonitorSession session, JsonNode frame) {
        String notificationId = text(frame, "notificationId");
        String channelText = text(frame, "channel");
        String amountText = text(frame, "amount");
        String currency = text(frame, "currency");
        String paidAtText = text(frame, "paidAt");
        String remark = frame.hasNonNull("payerRemark") ? text(frame, "payerRemark") : "";
        String sig = text(frame, "sig");

        if (notificationId == null || !NOTIFICATION_ID.matcher(notificationId).matches()) {
            throw invalid("notificationId must be 1-128 printable ASCII characters");
        }
        PaymentChannel channel = channel(channelText);
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            throw invalid("currency must be an ISO 4217 code like \"CNY\"");
        }
        BigDecimal amount = amount(amountText, currency);
        Instant paidAt = paidAt(paidAtText);
        if (remark.length() > MAX_REMARK) {
            throw invalid("payerRemark is longer than " + MAX_REMARK + " characters");
        }
        if (sig == null || !SIGNATURE.matcher(sig).matches()) {
            throw invalid("sig must be 64 hex characters");
        }
        String deviceId = session.device().deviceId();
        String text = MonitorSignatures.reportText(deviceId, notificationId, channelText, amountText, currency, paidAtText, remark);
        if (!MonitorSignatures.verify(session.device().secret(), text, sig)) {
            log.warn("payment report refused: bad signature (acceptor {}, device {}, notification {}, amount {} {})",
                    session.acceptorId(), deviceId, notificationId, amountText, currency);
            throw new ServiceException(PushErrorCodes.REPORT_SIGNATURE_INVALID);
        }
        // signed as sent; kept and published readable: the buyer wrote it, operators read it, and the payment is real
        // money, so its control and bidi characters are replaced rather than the report refused
        String shownRemark = PlainText.Validator.sanitize(remark, MAX_REMARK);

        // a repeat is not looked for up front (a read every report would pay for): the unique key on (device,
        // notificationId) stops its insert, and only then is the first one read
        PaymentReportDO row = new PaymentReportDO();
        row.setReportId(UUID.randomUUID().toString());
        row.setAcceptorId(session.acceptorId());
        row.setDeviceId(deviceId);
        row.setNotificationId(notificationId);
        row.setChannel(channel.name());
        row.setAmount(amount);
        row.setCurrency(currency);
        row.setPayerRemark(shownRemark);
        row.setPaidAt(LocalDateTime.ofInstant(paidAt, ZoneOffset.UTC));
        Instant receivedAt = clock.instant();
        row.setReceivedAt(LocalDateTime.ofInstant(receivedAt, ZoneOffset.UTC));
        row.setEpoch(session.epoch());
        try {
            tx.executeWithoutResult(status -> {
                reports.insert(row);
                outbox.publish(PushEvents.PAYMENT_RECEIVED, new PaymentReceivedEvent(row.getReportId(), row.getAcceptorId(),
                        deviceId, notificationId, channel, amount, currency, shownRemark, paidAt, receivedAt, row.getEpoch()));
            });
        } catch (DuplicateKeyException duplicate) {
            return duplicate(reports.findByNotification(deviceId, notificationId));
        }
        log.info("payment report {} stored: acceptor {} {} {} on {}", row.getReportId(), row.getAcceptorId(), amount, currency, channel);
        return new Outcome("accepted", row.getReportId());
    }

    private static Outcome duplicate(PaymentReportDO first) {
        log.info("payment report {} of device {} repeated: already stored as {}", first.getNotificationId(),
                first.getDeviceId(), first.getReportId());
        return new Outcome("duplicate", first.getReportId());
    }

    private static PaymentChannel channel(String text) {
        if (text != null) {
            for (PaymentChannel c : PaymentChannel.values()) {
                if (c.name().equals(text)) {
                    return c;
                }
            }
        }
        throw invalid("channel must be one of ALIPAY, WECHAT, BANK");
    }

    private static BigDecimal amount(String text, String currency) {
        if (text == null || !Money.isPlainDecimal(text)) {
            throw invalid("amount must be a decimal string like \"100.03\"");
        }
        BigDecimal amount = new BigDecimal(text);
        int scale = ZERO_DECIMAL.contains(currency) ? 0 : 2;
        if (amount.signum() <= 0) {
            throw invalid("amount must be greater than 0");
        }
        if (amount.stripTrailingZeros().scale() > scale) {
            throw invalid("amount has more than " + scale + " decimals for " + currency);
        }
        return amount;
    }

    private Instant paidAt(String text) {
        Instant paidAt;
        try {
            paidAt = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            throw invalid("paidAt must be an ISO-8601 time with offset, e.g. \"2025-11-26T10:15:30.120Z\"");
        }
        if (paidAt.isAfter(clock.instant().plus(MAX_FUTURE))) {
            throw invalid("paidAt is in the future");
        }
        return paidAt;
    }

    /** A field's text; a JSON number or object where a string belongs is an error (money travels as strings). */
    private static String text(JsonNode frame, String field) {
        JsonNode node = frame.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw invalid(field + " must be a string");
        }
        return node.asText();
    }

    private static ServiceException invalid(String message) {
        return new ServiceException(PushErrorCodes.FRAME_INVALID_FIELD, message);
    }
}
