package io.apay.wealth.server.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import lombok.Data;

/** A row of {@code wealth_product} (see V1__wealth.sql for what each column means). */
@Data
@TableName("wealth_product")
public class ProductDO {

    @TableId(type = IdType.AUTO)
    private Long id;
    private String code;
    private String name;
    private String type;
    private String lockCoin;
    private String rewardCoin;
    private Integer termDays;
    private BigDecimal rewardRate;
    private BigDecimal minAmount;
    private BigDecimal maxPerUser;
    private BigDecimal totalQuota;
    private BigDecimal locked;
    private LocalDateTime saleStart;
    private LocalDateTime saleEnd;
    private Boolean earlyRedeem;
    private BigDecimal earlyPenaltyShare;
    private String status;
    private LocalDate accruedThrough;
    private Integer accrualStalledCode;
    private LocalDateTime accrualStalledAt;
    private LocalDateTime createdAt;
    private LocalDateTime updatedAt;
}
