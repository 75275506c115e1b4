package io.apay.ledger.server.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.ledger.server.dal.dataobject.AccountDO;

public interface AccountMapper extends BaseMapper<AccountDO> {
}
