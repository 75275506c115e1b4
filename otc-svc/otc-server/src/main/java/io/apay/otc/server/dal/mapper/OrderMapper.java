package io.apay.otc.server.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.apay.otc.server.dal.dataobject.OrderDO;
import java.time.LocalDateTime;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface OrderMapper extends BaseMapper<OrderDO> {

    /**
     * Every state change of an order is this one statement with exactly one {@code from} state
     * (docs/otc-order.md); 0 rows means the order was not in {@code from} and nothing changed.
     */
    @Update("UPDATE payment_order SET status = #{to}, updated_at = #{now} WHERE id = #{id} AND status = #{from}")
    int transition(@Param("id") long id, @Param("from") String from, @Param("to") String to, @Param("now") LocalDateTime now);
}
