package io.apay.chainbridge.server.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.chainbridge.server.dal.dataobject.ChainTxDO;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

@Mapper
public interface ChainTxMapper extends BaseMapper<ChainTxDO> {

    @Select("SELECT * FROM chain_tx WHERE owner_kind = #{kind} AND owner_id = #{ownerId} ORDER BY id")
    List<ChainTxDO> of(@Param("kind") String kind, @Param("ownerId") long ownerId);

    @Insert("INSERT IGNORE INTO sender_nonce (network, address, next_nonce) VALUES (#{network}, #{address}, 0)")
    int ensureNonce(@Param("network") String network, @Param("address") String address);

    @Select("SELECT next_nonce FROM sender_nonce WHERE network = #{network} AND address = #{address} FOR UPDATE")
    long lockNextNonce(@Param("network") String network, @Param("address") String address);

    @org.apache.ibatis.annotations.Update("UPDATE sender_nonce SET next_nonce = #{next} WHERE network = #{network} AND address = #{address}")
    int setNextNonce(@Param("network") String network, @Param("address") String address, @Param("next") long next);
}
