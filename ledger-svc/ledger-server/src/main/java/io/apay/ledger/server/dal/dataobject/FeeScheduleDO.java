package io.apay.ledger.server.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import lombok.Data;

@Data
@TableName("ledger_fee_schedule")
public class FeeScheduleDO {
    @TableId(type = IdType.AUTO)
    private Long id;
    private String coin;
    private String bizType;
    private BigDecimal rate;
    private BigDecimal fixedFee;
    private BigDecimal minFee;
    private BigDecimal maxFee;
    private BigDecimal commissionShare;
    private String roundingMode;
    private Boolean enabled;
    private LocalDateTime createdAt;
    private LocalDateTime updatedAt;
}
