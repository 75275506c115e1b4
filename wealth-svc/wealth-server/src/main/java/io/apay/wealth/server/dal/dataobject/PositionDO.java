package io.apay.wealth.server.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import lombok.Data;

/** A row of {@code wealth_position} (see V1__wealth.sql for its states). */
@Data
@TableName("wealth_position")
public class PositionDO {

    @TableId(type = IdType.AUTO)
    private Long id;
    private Long userId;
    private Long productId;
    private String requestNo;
    private String requestHash;
    private BigDecimal amount;
    private String status;
    private LocalDate startDay;
    private LocalDate endDay;
    private BigDecimal accrued;
    private LocalDate accruedThrough;
    private String redeemKind;
    private BigDecimal rewardPaid;
    private BigDecimal penalty;
    private Long subscribeTxnId;
    private Long redeemTxnId;
    private Integer failureCode;
    private LocalDateTime attemptedAt;
    private LocalDateTime redeemRequestedAt;
    private LocalDateTime redeemedAt;
    private LocalDateTime createdAt;
    private LocalDateTime updatedAt;
}
