package io.apay.otc.server.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.otc.server.dal.dataobject.PaymentReportDO;
import org.apache.ibatis.annotations.Mapper;

@Mapper
public interface PaymentReportMapper extends BaseMapper<PaymentReportDO> {
}
