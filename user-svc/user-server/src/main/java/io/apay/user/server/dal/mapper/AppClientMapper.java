package io.apay.user.server.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.user.server.dal.dataobject.AppClientDO;
import org.apache.ibatis.annotations.Mapper;

@Mapper
public interface AppClientMapper extends BaseMapper<AppClientDO> {
}
