package io.apay.wealth.server.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import lombok.Data;

/** A row of {@code wealth_funding}: an operator's funding of a product's reward pool (PENDING -> DONE or FAILED). */
@Data
@TableName("wealth_funding")
public class FundingDO {

    @TableId(type = IdType.AUTO)
    private Long id;
    private Long productId;
    private String fundingNo;
    private String coin;
    private BigDecimal amount;
    private String status;
    private String operator;
    private String reason;
    private Long txnId;
    private Integer failureCode;
    private LocalDateTime attemptedAt;
    private LocalDateTime createdAt;
    private LocalDateTime updatedAt;
}
