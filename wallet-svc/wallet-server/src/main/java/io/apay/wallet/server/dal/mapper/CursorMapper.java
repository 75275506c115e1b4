package io.apay.wallet.server.dal.mapper;

import java.time.LocalDateTime;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** Named positions of keyset scans (chain-bridge-svc's confirmed deposits). */
@Mapper
public interface CursorMapper {

    @Select("SELECT position FROM wallet_cursor WHERE name = #{name}")
    Long position(@Param("name") String name);

    /** Moves the cursor forward only: two recoveries at once never move it back. */
    @Insert("INSERT INTO wallet_cursor (name, position, updated_at) VALUES (#{name}, #{position}, #{now})"
            + " ON DUPLICATE KEY UPDATE position = GREATEST(position, VALUES(position)), updated_at = VALUES(updated_at)")
    int advance(@Param("name") String name, @Param("position") long position, @Param("now") LocalDateTime now);
}
