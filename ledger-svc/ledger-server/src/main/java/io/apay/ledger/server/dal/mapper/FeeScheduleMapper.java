package io.apay.ledger.server.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.ledger.server.dal.dataobject.FeeScheduleDO;

public interface FeeScheduleMapper extends BaseMapper<FeeScheduleDO> {
}
