package io.apay.merchant.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.merchant.dal.dataobject.MerchantDO;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

@Mapper
public interface MerchantMapper extends BaseMapper<MerchantDO> {

    /** Locks the merchant's row for this transaction (waits): one change of its lists at a time. */
    @Select("SELECT id FROM merchant WHERE id = #{id} FOR UPDATE")
    Long lock(@Param("id") long id);
}
