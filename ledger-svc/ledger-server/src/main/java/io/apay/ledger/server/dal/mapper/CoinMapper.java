package io.apay.ledger.server.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.ledger.server.dal.dataobject.CoinDO;

public interface CoinMapper extends BaseMapper<CoinDO> {
}
