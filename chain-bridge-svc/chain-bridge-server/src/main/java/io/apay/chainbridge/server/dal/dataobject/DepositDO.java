package io.apay.chainbridge.server.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import lombok.Data;

@Data
@TableName("chain_deposit")
public class DepositDO {
    @TableId(type = IdType.AUTO)
    private Long id;
    private String network;
    private String coin;
    private String txHash;
    private Integer logIndex;
    private String address;
    private String ownerRef;
    private String fromAddress;
    private BigDecimal amount;
    private Long blockNumber;
    private String blockHash;
    private Integer confirmations;
    private Integer requiredConfirmations;
    private String status;
    private Boolean swept;
    private LocalDateTime seenAt;
    private LocalDateTime confirmedAt;
    /** The confirmation order (set once, when CONFIRMED; null before). */
    private Long confirmSeq;
    private LocalDateTime updatedAt;
}
