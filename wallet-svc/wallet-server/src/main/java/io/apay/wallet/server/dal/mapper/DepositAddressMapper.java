package io.apay.wallet.server.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.wallet.server.dal.dataobject.DepositAddressDO;
import org.apache.ibatis.annotations.Mapper;

@Mapper
public interface DepositAddressMapper extends BaseMapper<DepositAddressDO> {
}
