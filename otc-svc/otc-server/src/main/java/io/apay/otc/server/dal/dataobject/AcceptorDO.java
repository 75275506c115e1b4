package io.apay.otc.server.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import lombok.Data;

@Data
@TableName("acceptor")
public class AcceptorDO {

    @TableId(type = IdType.INPUT)
    private Long userId;
    private String displayName;
    private String status;
    private String marginCoin;
    private BigDecimal marginAmount;
    private Long marginHoldId;
    private Integer applicationNo;
    private LocalDateTime appliedAt;
    private Long reviewedBy;
    private LocalDateTime reviewedAt;
    private String reviewReason;
    private LocalDateTime leftAt;
    private Boolean online;
    private Long presenceEpoch;
    private Integer presencePhase;
    private LocalDateTime presenceAt;
    private LocalDateTime intentAttemptedAt;
    private LocalDateTime operatorPausedAt;
    private Long operatorPausedBy;
    private LocalDateTime updatedAt;
}
