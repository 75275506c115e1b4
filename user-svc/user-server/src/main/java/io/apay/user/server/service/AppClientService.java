package io.apay.user.server.service;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.apay.common.core.crypto.SecretCipher;
import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ServiceException;
import io.apay.common.web.oplog.OperationLog;
import io.apay.common.web.oplog.OperationLogContext;
import io.apay.user.api.UserErrorCodes;
import io.apay.user.api.dto.AppClientCreated;
import io.apay.user.api.dto.AppClientCredentials;
import io.apay.user.server.dal.dataobject.AppClientDO;
import io.apay.user.server.dal.dataobject.AppClientSecretDO;
import io.apay.user.server.dal.mapper.AppClientMapper;
import io.apay.user.server.dal.mapper.AppClientSecretMapper;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** App clients and their signing secrets (256 random bits, stored encrypted, shown once). */
@Service
public class AppClientService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final AppClientMapper clients;
    private final AppClientSecretMapper secrets;
    private final SecretCipher cipher;
    private final Clock clock;

    public AppClientService(AppClientMapper clients, AppClientSecretMapper secrets, SecretCipher cipher, Clock clock) {
        this.clients = clients;
        this.secrets = secrets;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** From the command line or another service (bin/apay makes the local app client this way). */
    @Transactional
    @OperationLog("user.app-client.create")
    public AppClientCreated create(String keyId, String name) {
        return insert(keyId, name);
    }

    /** By an operator, who says why. */
    @Transactional
    @OperationLog(value = "user.app-client.create", reasonRequired = true)
    public AppClientCreated createByOperator(String keyId, String name, String reason) {
        AppClientCreated created = insert(keyId, name);
        OperationLogContext.recordChange(null, Map.of("keyId", keyId, "name", name, "enabled", true));
        return created;
    }

    private AppClientCreated insert(String keyId, String name) {
        AppClientDO client = new AppClientDO();
        client.setKeyId(keyId);
        client.setName(name);
        client.setEnabled(true);
        client.setCreatedAt(LocalDateTime.now(clock));
        try {
            clients.insert(client);
        } catch (DuplicateKeyException e) {
            throw new ServiceException(CommonErrorCodes.CONFLICT, "app key id already exists");
        }
        return new AppClientCreated(keyId, addSecret(client.getId()));
    }

    public AppClientCredentials credentials(String keyId) {
        AppClientDO client = existing(keyId);
        LocalDateTime now = LocalDateTime.now(clock);
        List<AppClientCredentials.Secret> valid = secrets.selectList(new LambdaQueryWrapper<AppClientSecretDO>()
                        .eq(AppClientSecretDO::getClientId, client.getId())
                        .and(w -> w.isNull(AppClientSecretDO::getValidUntil).or().gt(AppClientSecretDO::getValidUntil, now))
                        .orderByDesc(AppClientSecretDO::getId))
                .stream()
                .map(s -> new AppClientCredentials.Secret(s.getId(), s.getSecretEnc(),
                        s.getValidUntil() == null ? null : s.getValidUntil().toInstant(ZoneOffset.UTC)))
                .toList();
        return new AppClientCredentials(client.getKeyId(), Boolean.TRUE.equals(client.getEnabled()), valid);
    }

    /**
     * Issues a new secret; the client's current secrets keep working for {@code grace}, then stop. Returns the new
     * secret, the only time it is shown.
     */
    @Transactional
    @OperationLog(value = "user.app-client.rotate", reasonRequired = true)
    public AppClientCreated rotate(String keyId, Duration grace, String reason) {
        AppClientDO client = existing(keyId);
        LocalDateTime until = LocalDateTime.now(clock).plus(grace);
        AppClientSecretDO cap = new AppClientSecretDO();
        cap.setValidUntil(until);
        secrets.update(cap, new LambdaQueryWrapper<AppClientSecretDO>().eq(AppClientSecretDO::getClientId, client.getId())
                .and(w -> w.isNull(AppClientSecretDO::getValidUntil).or().gt(AppClientSecretDO::getValidUntil, until)));
        String secret = addSecret(client.getId());
        OperationLogContext.recordChange(Map.of("keyId", keyId), Map.of("keyId", keyId, "previousSecretsValidUntil", until.toString()));
        return new AppClientCreated(keyId, secret);
    }

    @OperationLog(value = "user.app-client.enable", reasonRequired = true)
    public void setEnabled(String keyId, boolean enabled, String reason) {
        AppClientDO client = existing(keyId);
        AppClientDO change = new AppClientDO();
        change.setId(client.getId());
        change.setEnabled(enabled);
        clients.updateById(change);
        OperationLogContext.recordChange(Map.of("enabled", client.getEnabled()), Map.of("enabled", enabled));
    }

    public List<Map<String, Object>> list() {
        return clients.selectList(new LambdaQueryWrapper<AppClientDO>().orderByAsc(AppClientDO::getId)).stream()
                .map(c -> Map.<String, Object>of("keyId", c.getKeyId(), "name", c.getName(), "enabled", c.getEnabled(),
                        "createdAt", c.getCreatedAt().toInstant(ZoneOffset.UTC).toString()))
                .toList();
    }

    private AppClientDO existing(String keyId) {
        AppClientDO client = clients.selectOne(new LambdaQueryWrapper<AppClientDO>().eq(AppClientDO::getKeyId, keyId));
        if (client == null) {
            throw new ServiceException(UserErrorCodes.APP_CLIENT_NOT_FOUND);
        }
        return client;
    }

    /** A new secret for the client; returns it in plain text, the only time it is. */
    private String addSecret(long clientId) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        AppClientSecretDO row = new AppClientSecretDO();
        row.setClientId(clientId);
        row.setSecretEnc("pending");
        row.setCreatedAt(LocalDateTime.now(clock));
        secrets.insert(row);
        // the row id is the encryption context, so the ciphertext is written once the id is known
        AppClientSecretDO update = new AppClientSecretDO();
        update.setId(row.getId());
        update.setSecretEnc(cipher.encrypt(secret, AppClientCredentials.cipherContext(row.getId())));
        secrets.updateById(update);
        return secret;
    }
}
