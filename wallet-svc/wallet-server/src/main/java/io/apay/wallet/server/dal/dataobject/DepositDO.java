package io.apay.wallet.server.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import lombok.Data;

@Data
@TableName("wallet_deposit")
public class DepositDO {

    @TableId(type = IdType.AUTO)
    private Long id;
    private Long chainDepositId;
    private String network;
    private String coin;
    private String txHash;
    private Integer logIndex;
    private String address;
    private String ownerRef;
    /** What is (or will be) credited: {@link #chainAmount} at the coin's scale, rounded down; 0 when IGNORED. */
    private BigDecimal amount;
    /** As the chain confirmed it (the dust below the coin's scale stays on chain). */
    private BigDecimal chainAmount;
    private String status;
    private Long creditTxnId;
    private String lastError;
    private String ignoredReason;
    private LocalDateTime attemptedAt;
    private LocalDateTime createdAt;
    private LocalDateTime updatedAt;
}
