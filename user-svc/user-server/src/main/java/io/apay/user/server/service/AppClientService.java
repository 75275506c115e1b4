package io.apay.user.server.service;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.apay.common.core.crypto.SecretCipher;
import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ServiceException;
import io.apay.common.web.oplog.OperationLog;
import io.apay.user.api.UserErrorCodes;
import io.apay.user.api.dto.AppClientCreated;
import io.apay.user.api.dto.AppClientCredentials;
import io.apay.user.server.dal.dataobject.AppClientDO;
import io.apay.user.server.dal.dataobject.AppClientSecretDO;
import io.apay.user.server.dal.mapper.AppClientMapper;
import io.apay.user.server.dal.mapper.AppClientSecretMapper;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
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

    @Transactional
    @OperationLog("user.app-client.create")
    public AppClientCreated create(String keyId, String name) {
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
        AppClientDO client = clients.selectOne(new LambdaQueryWrapper<AppClientDO>().eq(AppClientDO::getKeyId, keyId));
        if (client == null) {
            throw new ServiceException(UserErrorCodes.APP_CLIENT_NOT_FOUND);
        }
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
