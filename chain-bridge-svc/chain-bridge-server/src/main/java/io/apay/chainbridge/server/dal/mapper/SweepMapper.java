package io.apay.chainbridge.server.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.chainbridge.server.dal.dataobject.SweepDO;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface SweepMapper extends BaseMapper<SweepDO> {

    /** Deposit addresses (with their derivation index) holding confirmed, unswept token deposits. */
    @Select("SELECT d.address, d.coin, a.address_index FROM chain_deposit d"
            + " JOIN deposit_address a ON a.network = d.network AND a.address = d.address"
            + " WHERE d.network = #{network} AND d.status = 'CONFIRMED' AND d.swept = 0 AND d.coin <> #{nativeCoin}"
            + " GROUP BY d.address, d.coin, a.address_index ORDER BY MIN(d.id) LIMIT 100")
    List<Map<String, Object>> candidates(@Param("network") String network, @Param("nativeCoin") String nativeCoin);

    @Select("SELECT * FROM chain_sweep WHERE network = #{network} AND address = #{address} AND status = 'SENT' ORDER BY id LIMIT 1")
    SweepDO open(@Param("network") String network, @Param("address") String address);

    /** The latest step of an address (a DONE top-up is what its next sweep pays its gas with). */
    @Select("SELECT * FROM chain_sweep WHERE network = #{network} AND address = #{address} ORDER BY id DESC LIMIT 1")
    SweepDO last(@Param("network") String network, @Param("address") String address);

    @Select("SELECT * FROM chain_sweep WHERE network = #{network} AND status = 'SENT' ORDER BY id LIMIT 500")
    List<SweepDO> allOpen(@Param("network") String network);

    /** Gas top-ups the hot wallet has signed and not yet seen mined. */
    @Select("SELECT * FROM chain_sweep WHERE network = #{network} AND kind = 'TOPUP' AND status = 'SENT'")
    List<SweepDO> openTopUps(@Param("network") String network);

    /** A fee replacement of an open step's transaction: only if {@code prevTxHash} is still its latest (one pass wins). */
    @Update("UPDATE chain_sweep SET tx_hash = #{txHash}, updated_at = #{now} WHERE id = #{id} AND status = 'SENT' AND tx_hash = #{prevTxHash}")
    int replaceTx(@Param("id") long id, @Param("prevTxHash") String prevTxHash, @Param("txHash") String txHash,
                  @Param("now") LocalDateTime now);

    @Update("UPDATE chain_sweep SET tx_hash = #{txHash}, updated_at = #{now} WHERE id = #{id}")
    int setTx(@Param("id") long id, @Param("txHash") String txHash, @Param("now") LocalDateTime now);

    @Update("UPDATE chain_sweep SET status = #{to}, updated_at = #{now} WHERE id = #{id} AND status = 'SENT'")
    int end(@Param("id") long id, @Param("to") String to, @Param("now") LocalDateTime now);

    /** The deposits a sweep moves (what the address held when it was signed covers them). */
    @Update("UPDATE chain_deposit SET swept = 1, updated_at = #{now} WHERE network = #{network} AND address = #{address}"
            + " AND coin = #{coin} AND status = 'CONFIRMED' AND swept = 0")
    int markSwept(@Param("network") String network, @Param("address") String address, @Param("coin") String coin,
                  @Param("now") LocalDateTime now);

    /** A sweep that failed moved nothing: its deposits are to be swept again. */
    @Update("UPDATE chain_deposit SET swept = 0, updated_at = #{now} WHERE network = #{network} AND address = #{address}"
            + " AND coin = #{coin} AND swept = 1")
    int unmarkSwept(@Param("network") String network, @Param("address") String address, @Param("coin") String coin,
                    @Param("now") LocalDateTime now);
}
