package io.apay.user.server.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.user.server.dal.dataobject.OperatorDO;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface OperatorMapper extends BaseMapper<OperatorDO> {

    @Update("UPDATE operator SET"
            + " locked_until = CASE WHEN failed_logins + 1 >= #{max} THEN #{lockUntil} ELSE locked_until END,"
            + " failed_logins = CASE WHEN failed_logins + 1 >= #{max} THEN 0 ELSE failed_logins + 1 END,"
            + " updated_at = #{now} WHERE id = #{id}")
    int recordFailedLogin(@Param("id") long id, @Param("max") int max, @Param("lockUntil") LocalDateTime lockUntil,
                          @Param("now") LocalDateTime now);

    @Update("UPDATE operator SET failed_logins = 0, locked_until = NULL, updated_at = #{now} WHERE id = #{id}"
            + " AND (failed_logins <> 0 OR locked_until IS NOT NULL)")
    int resetFailedLogins(@Param("id") long id, @Param("now") LocalDateTime now);

    /** A code's time step is accepted once, and never one older than the last accepted. */
    @Update("UPDATE operator SET totp_last_step = #{step} WHERE id = #{id} AND status = 'ACTIVE'"
            + " AND (totp_last_step IS NULL OR totp_last_step < #{step})")
    int useTotpStep(@Param("id") long id, @Param("step") long step);

    @Update("UPDATE operator SET totp_pending_secret_enc = #{pending}, updated_at = #{now}"
            + " WHERE id = #{id} AND status = 'PENDING_ACTIVATION'")
    int setPendingTotp(@Param("id") long id, @Param("pending") String pending, @Param("now") LocalDateTime now);

    /** Activation: password and second factor set together, the activation code spent. */
    @Update("UPDATE operator SET status = 'ACTIVE', password_hash = #{passwordHash}, totp_secret_enc = totp_pending_secret_enc,"
            + " totp_pending_secret_enc = NULL, totp_last_step = #{step}, activation_code_hash = NULL, activation_expires_at = NULL,"
            + " updated_at = #{now} WHERE id = #{id} AND status = 'PENDING_ACTIVATION' AND totp_pending_secret_enc = #{pending}")
    int activate(@Param("id") long id, @Param("passwordHash") String passwordHash, @Param("pending") String pending,
                 @Param("step") long step, @Param("now") LocalDateTime now);

    @Update("UPDATE operator SET last_login_at = #{now} WHERE id = #{id}")
    int recordLogin(@Param("id") long id, @Param("now") LocalDateTime now);

    /**
     * Locks every operator row until the transaction ends: role changes run one at a time, so two super admins
     * demoting each other at once cannot both pass the last-super-admin check.
     */
    @Select("SELECT id FROM operator ORDER BY id FOR UPDATE")
    List<Long> lockAll();

    /**
     * The operator row, locked until the transaction ends: login opens a session under it, so a role change or a
     * disable (which lock every row, {@link #lockAll}) either waits for the session and then ends it, or goes first.
     */
    @Select("SELECT * FROM operator WHERE id = #{id} FOR UPDATE")
    OperatorDO lockById(@Param("id") long id);

    /** Enabled super admins other than {@code id} (roles are comma-separated names). */
    @Select("SELECT COUNT(*) FROM operator WHERE status = 'ACTIVE' AND id <> #{id} AND FIND_IN_SET('SUPER_ADMIN', roles) > 0")
    long countOtherActiveSuperAdmins(@Param("id") long id);

    @Update("UPDATE operator SET roles = #{roles}, updated_at = #{now} WHERE id = #{id}")
    int setRoles(@Param("id") long id, @Param("roles") String roles, @Param("now") LocalDateTime now);

    @Update("UPDATE operator SET status = #{to}, updated_at = #{now} WHERE id = #{id} AND status = #{from}")
    int transition(@Param("id") long id, @Param("from") String from, @Param("to") String to, @Param("now") LocalDateTime now);
}
