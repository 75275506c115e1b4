package io.apay.user.server.service.admin;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.apay.common.core.crypto.SecretCipher;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.security.AdminRole;
import io.apay.common.core.security.Permission;
import io.apay.common.web.oplog.OperationLog;
import io.apay.common.web.oplog.OperationLogContext;
import io.apay.common.web.security.RequestIdentity;
import io.apay.user.api.AdminSessions;
import io.apay.user.api.LoginTokens;
import io.apay.user.api.UserErrorCodes;
import io.apay.user.server.controller.admin.vo.ActivateRequest;
import io.apay.user.server.controller.admin.vo.OperatorCreated;
import io.apay.user.server.controller.admin.vo.OperatorLoginRequest;
import io.apay.user.server.controller.admin.vo.OperatorSession;
import io.apay.user.server.controller.admin.vo.OperatorView;
import io.apay.user.server.controller.admin.vo.RoleView;
import io.apay.user.server.dal.dataobject.OperatorDO;
import io.apay.user.server.dal.mapper.OperatorMapper;
import io.apay.user.server.dal.redis.AdminSessionStore;
import io.apay.user.server.service.TotpCodes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Operators: the first super admin (once, from the command line), operators created by a super admin, activation
 * (password + TOTP, with a one-time code), login (password AND a TOTP code, always), lockout, logout, disabling.
 */
@Service
public class OperatorService {

    static final Duration ACTIVATION_TTL = Duration.ofHours(24);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final OperatorMapper operators;
    private final PasswordEncoder passwords;
    private final SecretCipher cipher;
    private final TotpCodes totp;
    private final AdminSessionStore sessions;
    private final Clock clock;
    private final int maxFailedLogins;
    private final Duration lockDuration;
    private final String dummyHash;
    private final TransactionTemplate tx;

    public OperatorService(OperatorMapper operators, PasswordEncoder passwords, SecretCipher cipher, TotpCodes totp,
                           AdminSessionStore sessions, Clock clock, PlatformTransactionManager txManager,
                           @Value("${apay.user.operator.max-failed-logins:5}") int maxFailedLogins,
                           @Value("${apay.user.operator.lock-duration:30m}") Duration lockDuration) {
        this.operators = operators;
        this.passwords = passwords;
        this.cipher = cipher;
        this.totp = totp;
        this.sessions = sessions;
        this.clock = clock;
        this.maxFailedLogins = maxFailedLogins;
        this.lockDuration = lockDuration;
        this.dummyHash = passwords.encode("not-a-real-password-for-timing");
        this.tx = new TransactionTemplate(txManager);
    }

    /** The first super admin, only while there is no operator at all (bin/apay admin-bootstrap). */
    @OperationLog("operator.bootstrap")
    public OperatorCreated bootstrap(String username, String displayName) {
        if (operators.selectCount(null) > 0) {
            throw new ServiceException(UserErrorCodes.OPERATORS_EXIST);
        }
        return insert(username, displayName, Set.of(AdminRole.SUPER_ADMIN), null);
    }

    @OperationLog(value = "operator.create", reasonRequired = true)
    public OperatorCreated create(String username, String displayName, Set<AdminRole> roles, String reason) {
        OperatorCreated created = insert(username, displayName, roles, RequestIdentity.operatorId().orElse(null));
        OperationLogContext.recordChange(null, view(operators.selectById(created.operatorId())));
        return created;
    }

    /** Step 1 of activation: a TOTP seed for the operator's authenticator (kept pending until step 2). */
    @OperationLog("operator.activation.totp")
    public TotpCodes.Binding activationTotp(String username, String activationCode) {
        OperatorDO op = pendingActivation(username, activationCode);
        String secret = totp.newSecret();
        operators.setPendingTotp(op.getId(), cipher.encrypt(secret, context(op.getId())), now());
        return totp.binding("admin:" + op.getUsername(), secret);
    }

    /** Step 2: password and a first code set together; the activation code is spent. */
    @OperationLog("operator.activate")
    public void activate(ActivateRequest r) {
        OperatorDO op = pendingActivation(r.username(), r.activationCode());
        if (op.getTotpPendingSecretEnc() == null) {
            throw new ServiceException(UserErrorCodes.TOTP_NOT_BOUND);
        }
        String secret = cipher.decrypt(op.getTotpPendingSecretEnc(), context(op.getId()));
        long step = totp.matchingStep(secret, r.totpCode()).orElseThrow(() -> new ServiceException(UserErrorCodes.TOTP_INVALID));
        if (operators.activate(op.getId(), passwords.encode(r.password()), op.getTotpPendingSecretEnc(), step, now()) != 1) {
            throw new ServiceException(UserErrorCodes.ACTIVATION_INVALID);
        }
    }

    @OperationLog("operator.login")
    public OperatorSession login(OperatorLoginRequest r) {
        OperatorDO op = operators.selectOne(new LambdaQueryWrapper<OperatorDO>().eq(OperatorDO::getUsername, r.username()));
        if (op == null) {
            passwords.matches(r.password(), dummyHash);
            throw new ServiceException(UserErrorCodes.OPERATOR_BAD_CREDENTIALS);
        }
        if (op.getLockedUntil() != null && op.getLockedUntil().isAfter(now())) {
            throw new ServiceException(UserErrorCodes.OPERATOR_LOCKED);
        }
        if (!OperatorDO.ACTIVE.equals(op.getStatus())) {
            throw new ServiceException(UserErrorCodes.OPERATOR_NOT_ACTIVE);
        }
        if (!passwords.matches(r.password(), op.getPasswordHash())) {
            throw failedLogin(op);
        }
        // an operator's code is only ever taken here, after the password: a wrong one is a failed login, so the
        // operator lockout (max-failed-logins, lock-duration) is what limits guessing it
        String secret = cipher.decrypt(op.getTotpSecretEnc(), context(op.getId()));
        Long step = totp.matchingStep(secret, r.totpCode()).stream().boxed().findFirst().orElse(null);
        OperatorSession session = step == null ? null : openSession(op.getId(), step);
        if (session == null) {
            throw failedLogin(op);
        }
        return session;
    }

    /**
     * The session is opened under the operator's row lock, with the status and roles read under it (not those read
     * before the password check, which a role change or a disable may have overtaken since). setRoles and disable
     * lock the rows too: they either wait for this session and then end it, or commit first and this reads their
     * change. Null when the code's step is spent (a failed login, recorded outside this transaction).
     */
    private OperatorSession openSession(long operatorId, long step) {
        return tx.execute(s -> {
            OperatorDO op = operators.lockById(operatorId);
            if (op == null || !OperatorDO.ACTIVE.equals(op.getStatus())) {
                throw new ServiceException(UserErrorCodes.OPERATOR_NOT_ACTIVE);
            }
            if (operators.useTotpStep(operatorId, step) != 1) {
                return null;
            }
            operators.resetFailedLogins(operatorId, now());
            operators.recordLogin(operatorId, now());
            Set<AdminRole> roles = AdminRole.parseList(op.getRoles());
            String token = sessions.open(operatorId, roles);
            return new OperatorSession(operatorId, token, roles, Permission.of(roles), AdminSessions.IDLE.toSeconds(),
                    clock.instant().plus(AdminSessions.MAX_AGE));
        });
    }

    @OperationLog("operator.logout")
    public void logout(String tokenId) {
        sessions.close(tokenId);
    }

    public List<OperatorView> list() {
        return operators.selectList(new LambdaQueryWrapper<OperatorDO>().orderByAsc(OperatorDO::getId)).stream().map(this::view).toList();
    }

    /**
     * Disables an operator and ends its sessions. Refused like a role change: oneself, and the last ACTIVE super
     * admin; under the same lock as role changes, so a demote and a disable at once cannot both pass the check.
     */
    @OperationLog(value = "operator.disable", reasonRequired = true)
    public OperatorView disable(long operatorId, String reason) {
        if (RequestIdentity.operatorId().filter(me -> me == operatorId).isPresent()) {
            throw new ServiceException(UserErrorCodes.OWN_DISABLE);
        }
        OperatorDO before = tx.execute(s -> {
            operators.lockAll();
            OperatorDO op = existing(operatorId);
            if (OperatorDO.ACTIVE.equals(op.getStatus()) && AdminRole.parseList(op.getRoles()).contains(AdminRole.SUPER_ADMIN)
                    && operators.countOtherActiveSuperAdmins(operatorId) == 0) {
                throw new ServiceException(UserErrorCodes.LAST_SUPER_ADMIN);
            }
            if (operators.transition(operatorId, OperatorDO.ACTIVE, OperatorDO.DISABLED, now()) != 1
                    && operators.transition(operatorId, OperatorDO.PENDING_ACTIVATION, OperatorDO.DISABLED, now()) != 1) {
                throw new ServiceException(UserErrorCodes.ACCOUNT_ALREADY_IN_STATE);
            }
            // still under the lock: a login that opened its session before it is ended here; one after reads DISABLED
            sessions.closeAll(operatorId);
            return op;
        });
        OperatorView after = view(existing(operatorId));
        OperationLogContext.recordChange(view(before), after);
        return after;
    }

    /**
     * Replaces an operator's roles. Refused: an unknown role name, the caller's own roles (no lock-out by mistake, no
     * self-escalation), and taking SUPER_ADMIN from the last ACTIVE super admin. A session carries the roles it was
     * opened with (the gateway reads them from Redis on every request), so the operator's sessions are ended: from
     * the next request on, the operator logs in again and gets the new roles.
     */
    @OperationLog(value = "operator.roles", reasonRequired = true)
    public OperatorView setRoles(long operatorId, List<String> roleNames, String reason) {
        Set<AdminRole> roles = roles(roleNames);
        if (RequestIdentity.operatorId().filter(me -> me == operatorId).isPresent()) {
            throw new ServiceException(UserErrorCodes.OWN_ROLES);
        }
        OperatorDO before = tx.execute(s -> {
            operators.lockAll();
            OperatorDO op = existing(operatorId);
            boolean losesSuperAdmin = AdminRole.parseList(op.getRoles()).contains(AdminRole.SUPER_ADMIN)
                    && !roles.contains(AdminRole.SUPER_ADMIN);
            if (losesSuperAdmin && OperatorDO.ACTIVE.equals(op.getStatus()) && operators.countOtherActiveSuperAdmins(operatorId) == 0) {
                throw new ServiceException(UserErrorCodes.LAST_SUPER_ADMIN);
            }
            operators.setRoles(operatorId, joined(roles), now());
            // still under the lock: a login that opened its session before it is ended here; one after reads the
            // new roles (ending sessions after the commit could also end a session that already has them)
            sessions.closeAll(operatorId);
            return op;
        });
        OperatorView after = view(existing(operatorId));
        OperationLogContext.recordChange(view(before), after);
        return after;
    }

    /** Every role with what it allows: the one table of access, {@link Permission}. */
    public List<RoleView> roles() {
        return Arrays.stream(AdminRole.values()).map(r -> new RoleView(r, Permission.of(Set.of(r)))).toList();
    }

    private static Set<AdminRole> roles(List<String> names) {
        Set<AdminRole> roles = EnumSet.noneOf(AdminRole.class);
        for (String name : names) {
            AdminRole role = Arrays.stream(AdminRole.values()).filter(r -> r.name().equals(name)).findFirst().orElseThrow(() ->
                    new ServiceException(UserErrorCodes.ROLE_UNKNOWN, "roles must be among " + Arrays.toString(AdminRole.values())
                            + (name.matches("[A-Za-z_]{1,32}") ? ": " + name + " is not a role" : "")));
            roles.add(role);
        }
        return roles;
    }

    private static String joined(Set<AdminRole> roles) {
        return roles.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    private OperatorCreated insert(String username, String displayName, Set<AdminRole> roles, Long createdBy) {
        byte[] raw = new byte[24];
        RANDOM.nextBytes(raw);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        OperatorDO op = new OperatorDO();
        op.setUsername(username);
        op.setDisplayName(displayName);
        op.setRoles(joined(roles));
        op.setStatus(OperatorDO.PENDING_ACTIVATION);
        op.setActivationCodeHash(LoginTokens.hash(code));
        op.setActivationExpiresAt(now().plus(ACTIVATION_TTL));
        op.setFailedLogins(0);
        op.setCreatedBy(createdBy);
        op.setCreatedAt(now());
        op.setUpdatedAt(now());
        try {
            operators.insert(op);
        } catch (DuplicateKeyException e) {
            throw new ServiceException(UserErrorCodes.USERNAME_TAKEN);
        }
        return new OperatorCreated(op.getId(), username, code, op.getActivationExpiresAt().toInstant(ZoneOffset.UTC));
    }

    private OperatorDO pendingActivation(String username, String activationCode) {
        OperatorDO op = operators.selectOne(new LambdaQueryWrapper<OperatorDO>().eq(OperatorDO::getUsername, username));
        if (op == null || !OperatorDO.PENDING_ACTIVATION.equals(op.getStatus()) || op.getActivationCodeHash() == null
                || op.getActivationExpiresAt().isBefore(now())
                || !MessageDigest.isEqual(op.getActivationCodeHash().getBytes(StandardCharsets.US_ASCII),
                        LoginTokens.hash(activationCode).getBytes(StandardCharsets.US_ASCII))) {
            throw new ServiceException(UserErrorCodes.ACTIVATION_INVALID);
        }
        return op;
    }

    private ServiceException failedLogin(OperatorDO op) {
        operators.recordFailedLogin(op.getId(), maxFailedLogins, now().plus(lockDuration), now());
        OperatorDO after = operators.selectById(op.getId());
        boolean locked = after.getLockedUntil() != null && after.getLockedUntil().isAfter(now());
        return new ServiceException(locked ? UserErrorCodes.OPERATOR_LOCKED : UserErrorCodes.OPERATOR_BAD_CREDENTIALS);
    }

    private OperatorDO existing(long operatorId) {
        OperatorDO op = operators.selectById(operatorId);
        if (op == null) {
            throw new ServiceException(UserErrorCodes.OPERATOR_NOT_FOUND);
        }
        return op;
    }

    private OperatorView view(OperatorDO op) {
        return new OperatorView(op.getId(), op.getUsername(), op.getDisplayName(), AdminRole.parseList(op.getRoles()),
                op.getStatus(), op.getPasswordHash() != null, op.getLastLoginAt() == null ? null : op.getLastLoginAt().toInstant(ZoneOffset.UTC),
                op.getCreatedAt().toInstant(ZoneOffset.UTC));
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }

    private static String context(long operatorId) {
        return "operator-totp:" + operatorId;
    }
}
