package io.apay.ledger.server.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.ledger.server.dal.dataobject.ReconRunDO;

public interface ReconRunMapper extends BaseMapper<ReconRunDO> {
}
