package io.apay.merchant.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.merchant.dal.dataobject.MerchantPayoutAddressDO;
import org.apache.ibatis.annotations.Mapper;

@Mapper
public interface MerchantPayoutAddressMapper extends BaseMapper<MerchantPayoutAddressDO> {
}
