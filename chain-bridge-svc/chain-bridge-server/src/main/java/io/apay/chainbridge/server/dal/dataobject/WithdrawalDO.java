package io.apay.chainbridge.server.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import lombok.Data;

@Data
@TableName("chain_withdrawal")
public class WithdrawalDO {
    @TableId(type = IdType.AUTO)
    private Long id;
    private String withdrawalId;
    private String network;
    private String coin;
    private String toAddress;
    private BigDecimal amount;
    private String status;
    private String fromAddress;
    private Long nonce;
    private BigDecimal feePrice;
    private String txHash;
    private Long blockNumber;
    private Integer confirmations;
    private String failureReason;
    private LocalDateTime lastSentAt;
    private LocalDateTime createdAt;
    private LocalDateTime updatedAt;
}
