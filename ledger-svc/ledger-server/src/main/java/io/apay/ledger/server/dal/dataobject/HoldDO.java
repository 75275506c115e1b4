package io.apay.ledger.server.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import io.apay.ledger.api.enums.HoldPurpose;
import io.apay.ledger.api.enums.HoldStatus;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import lombok.Data;

@Data
@TableName("ledger_hold")
public class HoldDO {
    @TableId(type = IdType.INPUT)
    private Long id;
    private HoldPurpose purpose;
    private HoldStatus status;
    private Long sourceAccountId;
    private Long heldAccountId;
    private String coin;
    private BigDecimal amount;
    private BigDecimal remaining;
    private BigDecimal settled;
    private BigDecimal released;
    private Long createdTxnId;
    private String bizRef;
    private Long version;
    private LocalDateTime createdAt;
    private LocalDateTime updatedAt;
}
