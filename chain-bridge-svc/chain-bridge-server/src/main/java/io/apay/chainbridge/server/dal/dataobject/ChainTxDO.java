package io.apay.chainbridge.server.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import lombok.Data;

/** One signed transaction of a withdrawal or a sweep step: the first send and each fee replacement. */
@Data
@TableName("chain_tx")
public class ChainTxDO {
    public static final String WITHDRAWAL = "WITHDRAWAL";
    public static final String SWEEP = "SWEEP";

    @TableId(type = IdType.AUTO)
    private Long id;
    private String ownerKind;
    private Long ownerId;
    private String network;
    private String txHash;
    private Long nonce;
    private BigDecimal feePrice;
    private String rawTx;
    private LocalDateTime createdAt;
}
