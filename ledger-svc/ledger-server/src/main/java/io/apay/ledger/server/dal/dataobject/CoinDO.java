package io.apay.ledger.server.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;
import lombok.Data;

@Data
@TableName("ledger_coin")
public class CoinDO {
    @TableId(type = IdType.INPUT)
    private String code;
    private Integer scale;
    private Boolean enabled;
    private LocalDateTime createdAt;
}
