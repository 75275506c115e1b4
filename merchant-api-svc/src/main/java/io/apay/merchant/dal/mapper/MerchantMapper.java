package io.apay.merchant.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.merchant.dal.dataobject.MerchantDO;
import org.apache.ibatis.annotations.Mapper;

@Mapper
public interface MerchantMapper extends BaseMapper<MerchantDO> {
}
