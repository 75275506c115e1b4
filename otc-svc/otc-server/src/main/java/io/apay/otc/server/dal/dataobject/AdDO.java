package io.apay.otc.server.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import lombok.Data;

@Data
@TableName("acceptor_ad")
public class AdDO {

    @TableId(type = IdType.AUTO)
    private Long id;
    private Long acceptorId;
    private String coin;
    private String fiatCurrency;
    private BigDecimal rate;
    private BigDecimal minFiat;
    private BigDecimal maxFiat;
    private BigDecimal totalCoin;
    private BigDecimal availableCoin;
    private Long holdId;
    private String status;
    private String pauseReason;
    private LocalDateTime intentAttemptedAt;
    private LocalDateTime lastAssignedAt;
    private LocalDateTime createdAt;
    private LocalDateTime updatedAt;
}
