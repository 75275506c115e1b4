package io.apay.push.server.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.push.server.dal.dataobject.MonitorDeviceDO;
import java.time.LocalDateTime;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface MonitorDeviceMapper extends BaseMapper<MonitorDeviceDO> {

    @Select("SELECT * FROM monitor_device WHERE device_id = #{deviceId}")
    MonitorDeviceDO findByDeviceId(@Param("deviceId") String deviceId);

    @Select("SELECT COUNT(*) FROM monitor_device WHERE acceptor_id = #{acceptorId} AND status = 0")
    int countActive(@Param("acceptorId") long acceptorId);

    /** ACTIVE -> REVOKED, only the owner's device; 1 if it changed. */
    @Update("UPDATE monitor_device SET status = 1, revoked_at = #{at} WHERE device_id = #{deviceId}"
            + " AND acceptor_id = #{acceptorId} AND status = 0")
    int revoke(@Param("acceptorId") long acceptorId, @Param("deviceId") String deviceId, @Param("at") LocalDateTime at);
}
