package io.apay.user.server.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.user.server.dal.dataobject.AppUserDO;
import java.time.LocalDateTime;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface AppUserMapper extends BaseMapper<AppUserDO> {

    /** One more failed login; the {@code max}-th locks the account until {@code lockUntil} and restarts the count. */
    @Update("UPDATE app_user SET"
            + " locked_until = CASE WHEN failed_logins + 1 >= #{max} THEN #{lockUntil} ELSE locked_until END,"
            + " failed_logins = CASE WHEN failed_logins + 1 >= #{max} THEN 0 ELSE failed_logins + 1 END,"
            + " updated_at = #{now} WHERE id = #{id}")
    int recordFailedLogin(@Param("id") long id, @Param("max") int max, @Param("lockUntil") LocalDateTime lockUntil,
                          @Param("now") LocalDateTime now);

    @Update("UPDATE app_user SET failed_logins = 0, locked_until = NULL, updated_at = #{now} WHERE id = #{id}"
            + " AND (failed_logins <> 0 OR locked_until IS NOT NULL)")
    int resetFailedLogins(@Param("id") long id, @Param("now") LocalDateTime now);

    /** Accepts a TOTP time step only if it is later than the last accepted one: a code never works twice. */
    @Update("UPDATE app_user SET totp_last_step = #{step} WHERE id = #{id} AND totp_enabled = 1"
            + " AND (totp_last_step IS NULL OR totp_last_step < #{step})")
    int useTotpStep(@Param("id") long id, @Param("step") long step);

    @Update("UPDATE app_user SET totp_pending_secret_enc = #{pending}, updated_at = #{now} WHERE id = #{id} AND totp_enabled = 0")
    int setPendingTotp(@Param("id") long id, @Param("pending") String pending, @Param("now") LocalDateTime now);

    @Update("UPDATE app_user SET totp_enabled = 1, totp_secret_enc = totp_pending_secret_enc, totp_pending_secret_enc = NULL,"
            + " totp_last_step = #{step}, updated_at = #{now}"
            + " WHERE id = #{id} AND totp_enabled = 0 AND totp_pending_secret_enc = #{pending}")
    int enableTotp(@Param("id") long id, @Param("pending") String pending, @Param("step") long step, @Param("now") LocalDateTime now);

    @Update("UPDATE app_user SET totp_enabled = 0, totp_secret_enc = NULL, updated_at = #{now} WHERE id = #{id} AND totp_enabled = 1")
    int disableTotp(@Param("id") long id, @Param("now") LocalDateTime now);
}
