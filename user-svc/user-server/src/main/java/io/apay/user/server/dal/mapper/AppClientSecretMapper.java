package io.apay.user.server.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.user.server.dal.dataobject.AppClientSecretDO;
import org.apache.ibatis.annotations.Mapper;

@Mapper
public interface AppClientSecretMapper extends BaseMapper<AppClientSecretDO> {
}
