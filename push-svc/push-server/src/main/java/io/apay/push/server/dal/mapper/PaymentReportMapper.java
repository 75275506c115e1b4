package io.apay.push.server.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.push.server.dal.dataobject.PaymentReportDO;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

@Mapper
public interface PaymentReportMapper extends BaseMapper<PaymentReportDO> {

    @Select("SELECT * FROM payment_report WHERE device_id = #{deviceId} AND notification_id = #{notificationId}")
    PaymentReportDO findByNotification(@Param("deviceId") String deviceId, @Param("notificationId") String notificationId);
}
