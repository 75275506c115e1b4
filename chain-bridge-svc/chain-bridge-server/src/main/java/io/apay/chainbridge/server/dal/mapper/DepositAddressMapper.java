package io.apay.chainbridge.server.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.chainbridge.server.dal.dataobject.DepositAddressDO;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface DepositAddressMapper extends BaseMapper<DepositAddressDO> {

    @Select("SELECT * FROM deposit_address WHERE network = #{network} AND owner_ref = #{ownerRef}")
    DepositAddressDO findByOwner(@Param("network") String network, @Param("ownerRef") String ownerRef);

    /** Addresses added after {@code afterId}: the scanner's watch list grows by these. */
    @Select("SELECT * FROM deposit_address WHERE network = #{network} AND id > #{afterId} ORDER BY id LIMIT 10000")
    List<DepositAddressDO> addedAfter(@Param("network") String network, @Param("afterId") long afterId);

    @Select("SELECT * FROM deposit_address WHERE network = #{network} AND address = #{address}")
    DepositAddressDO findByAddress(@Param("network") String network, @Param("address") String address);

    @Insert("INSERT IGNORE INTO address_counter (network, next_index) VALUES (#{network}, 0)")
    int ensureCounter(@Param("network") String network);

    @Select("SELECT next_index FROM address_counter WHERE network = #{network} FOR UPDATE")
    int lockNextIndex(@Param("network") String network);

    @Update("UPDATE address_counter SET next_index = #{next} WHERE network = #{network}")
    int setNextIndex(@Param("network") String network, @Param("next") int next);
}
