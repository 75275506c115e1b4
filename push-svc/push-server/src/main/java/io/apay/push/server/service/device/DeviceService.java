package io.apay.push.server.service.device;

import io.apay.common.core.crypto.SecretCipher;
import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.redis.RedisKeys;
import io.apay.push.api.PushErrorCodes;
import io.apay.push.server.config.PushProperties;
import io.apay.push.server.controller.app.vo.DeviceCreatedResp;
import io.apay.push.server.controller.app.vo.DeviceResp;
import io.apay.push.server.dal.dataobject.MonitorDeviceDO;
import io.apay.push.server.dal.mapper.MonitorDeviceMapper;
import io.apay.push.server.service.presence.PresenceService;
import io.apay.push.server.service.session.CloseCodes;
import io.apay.push.server.service.session.MonitorSessionService;
import io.apay.push.api.dto.MonitorHandshake;
import io.apay.push.api.dto.MonitorTicket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;

/**
 * Monitor devices: each has a public id and a random secret the monitor signs with. The secret is returned once at
 * registration and stored only encrypted ({@link SecretCipher}, context {@code push.device:<deviceId>}).
 */
@Service
public class DeviceService {

    private static final Logger log = LoggerFactory.getLogger(DeviceService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final MonitorDeviceMapper devices;
    private final SecretCipher cipher;
    private final RedissonClient redisson;
    private final RedisKeys keys;
    private final PushProperties props;
    private final Clock clock;
    private final PresenceService presence;
    private final MonitorSessionService sessions;

    public DeviceService(MonitorDeviceMapper devices, SecretCipher cipher, RedissonClient redisson, RedisKeys keys,
                         PushProperties props, Clock clock, PresenceService presence, MonitorSessionService sessions) {
        this.presence = presence;
        this.sessions = sessions;
        this.devices = devices;
        this.cipher = cipher;
        this.redisson = redisson;
        this.keys = keys;
        this.props = props;
        this.clock = clock;
    }

    /** Registers a device. The per-acceptor lock keeps two concurrent registrations from passing the limit together. */
    public DeviceCreatedResp register(long acceptorId, String name) {
        RLock lock = redisson.getLock(keys.key("push", "device-lock", acceptorId));
        boolean locked;
        try {
            locked = lock.tryLock(5, 10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(CommonErrorCodes.SERVICE_UNAVAILABLE);
        }
        if (!locked) {
            throw new ServiceException(CommonErrorCodes.CONFLICT);
        }
        try {
            if (devices.countActive(acceptorId) >= props.getMaxDevicesPerAcceptor()) {
                throw new ServiceException(PushErrorCodes.DEVICE_LIMIT_REACHED);
            }
            String deviceId = "md_" + randomBase32(26);
            String secret = randomSecret();
            MonitorDeviceDO row = new MonitorDeviceDO();
            row.setDeviceId(deviceId);
            row.setAcceptorId(acceptorId);
            row.setName(name.trim());
            row.setSecretEnc(cipher.encrypt(secret, context(deviceId)));
            row.setStatus(MonitorDeviceDO.ACTIVE);
            row.setCreatedAt(now());
            devices.insert(row); // one statement: nothing half-written
            log.info("monitor device {} registered for acceptor {}", deviceId, acceptorId);
            return new DeviceCreatedResp(deviceId, row.getName(), secret, row.getCreatedAt().toInstant(ZoneOffset.UTC));
        } finally {
            if (lock.isHeldByCurrentThread()) {
                lock.unlock();
            }
        }
    }

    public List<DeviceResp> list(long acceptorId) {
        return devices.selectList(new LambdaQueryWrapper<MonitorDeviceDO>()
                        .eq(MonitorDeviceDO::getAcceptorId, acceptorId).orderByAsc(MonitorDeviceDO::getId))
                .stream().map(DeviceService::toResp).toList();
    }

    /** ACTIVE -> REVOKED; a monitor connected with the device is disconnected (close 4004) and its acceptor paused. */
    public DeviceResp revoke(long acceptorId, String deviceId) {
        MonitorDeviceDO row = devices.findByDeviceId(deviceId);
        if (row == null || row.getAcceptorId() != acceptorId) {
            throw new ServiceException(PushErrorCodes.DEVICE_NOT_FOUND);
        }
        if (devices.revoke(acceptorId, deviceId, now()) != 1) {
            throw new ServiceException(PushErrorCodes.DEVICE_ALREADY_REVOKED);
        }
        log.info("monitor device {} of acceptor {} revoked", deviceId, acceptorId);
        presence.current(acceptorId).filter(live -> deviceId.equals(live.deviceId())).ifPresent(live ->
                sessions.kick(acceptorId, live.epoch(), live.node(), CloseCodes.DEVICE_REVOKED));
        return toResp(devices.findByDeviceId(deviceId));
    }

    /**
     * The handshake check: the device must be the acceptor's and active, {@code ts} (epoch ms) within the allowed
     * skew, {@code sig} the device's signature of the connect text, and {@code (deviceId, ts)} not used before: a
     * checked handshake is spent, so one captured within its window cannot be replayed (19010).
     */
    public DeviceKey authenticate(long acceptorId, String deviceId, String ts, String sig) {
        if (deviceId == null || ts == null || sig == null || !ts.matches("\\d{1,15}") || deviceId.length() > 40) {
            throw new ServiceException(PushErrorCodes.HANDSHAKE_DEVICE_PARAMS);
        }
        MonitorDeviceDO row = activeDevice(acceptorId, deviceId);
        long skew = Math.abs(clock.millis() - Long.parseLong(ts));
        String secret = cipher.decrypt(row.getSecretEnc(), context(deviceId));
        if (skew > props.getHandshakeMaxSkew().toMillis()
                || !MonitorSignatures.verify(secret, MonitorSignatures.connectText(acceptorId, deviceId, ts), sig)) {
            throw new ServiceException(PushErrorCodes.HANDSHAKE_SIGNATURE_INVALID);
        }
        spend(deviceId, Long.parseLong(ts));
        return new DeviceKey(acceptorId, deviceId, secret);
    }

    /**
     * The gateway's check before it upgrades a client: {@link #authenticate} (which spends the handshake), then a
     * one-time ticket for the upgrade that follows, bound to the acceptor and device.
     */
    public MonitorTicket checkHandshake(MonitorHandshake h) {
        if (h.acceptorId() == null || h.acceptorId() <= 0) {
            throw new ServiceException(CommonErrorCodes.UNAUTHORIZED);
        }
        authenticate(h.acceptorId(), h.deviceId(), h.ts(), h.sig());
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        redisson.<String>getBucket(ticketKey(ticket), StringCodec.INSTANCE)
                .set(h.acceptorId() + ":" + h.deviceId(), Duration.ofSeconds(MonitorTicket.TTL_SECONDS));
        return new MonitorTicket(ticket);
    }

    /**
     * The upgrade after the gateway's check: the ticket must be unused, unexpired and the acceptor's for this device
     * (19011); the device is looked up again, so one revoked in between is still refused.
     */
    public DeviceKey redeem(long acceptorId, String deviceId, String ticket) {
        String holder = ticket.length() > 100 ? null
                : redisson.<String>getBucket(ticketKey(ticket), StringCodec.INSTANCE).getAndDelete();
        if (holder == null || !holder.equals(acceptorId + ":" + deviceId)) {
            throw new ServiceException(PushErrorCodes.HANDSHAKE_TICKET_INVALID);
        }
        MonitorDeviceDO row = activeDevice(acceptorId, deviceId);
        return new DeviceKey(acceptorId, deviceId, cipher.decrypt(row.getSecretEnc(), context(deviceId)));
    }

    private MonitorDeviceDO activeDevice(long acceptorId, String deviceId) {
        MonitorDeviceDO row = devices.findByDeviceId(deviceId);
        if (row == null || row.getAcceptorId() != acceptorId || row.getStatus() != MonitorDeviceDO.ACTIVE) {
            throw new ServiceException(PushErrorCodes.HANDSHAKE_DEVICE_UNKNOWN);
        }
        return row;
    }

    /** Marks {@code (deviceId, ts)} used for as long as {@code ts} is within the skew; a second use is refused. */
    private void spend(String deviceId, long ts) {
        long lifeMs = Math.max(1000, ts + props.getHandshakeMaxSkew().toMillis() - clock.millis() + 1000);
        boolean first = redisson.<String>getBucket(keys.key("push", "handshake", deviceId, ts), StringCodec.INSTANCE)
                .setIfAbsent("1", Duration.ofMillis(lifeMs));
        if (!first) {
            throw new ServiceException(PushErrorCodes.HANDSHAKE_REPLAYED);
        }
    }

    private String ticketKey(String ticket) {
        try {
            return keys.key("push", "monitor-ticket",
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ticket.getBytes(StandardCharsets.UTF_8))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static String context(String deviceId) {
        return "push.device:" + deviceId;
    }

    private static DeviceResp toResp(MonitorDeviceDO d) {
        return new DeviceResp(d.getDeviceId(), d.getName(),
                d.getStatus() == MonitorDeviceDO.ACTIVE ? "ACTIVE" : "REVOKED",
                d.getCreatedAt().toInstant(ZoneOffset.UTC),
                d.getRevokedAt() == null ? null : d.getRevokedAt().toInstant(ZoneOffset.UTC));
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String randomBase32(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(BASE32[RANDOM.nextInt(BASE32.length)]);
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
