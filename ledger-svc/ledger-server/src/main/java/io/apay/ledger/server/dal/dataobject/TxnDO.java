package io.apay.ledger.server.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import io.apay.ledger.api.enums.TxnType;
import java.time.LocalDateTime;
import lombok.Data;

@Data
@TableName("ledger_txn")
public class TxnDO {
    @TableId(type = IdType.INPUT)
    private Long id;
    private String idempotencyKey;
    private String requestHash;
    private TxnType type;
    private String bizRef;
    private String memo;
    private Long holdId;
    private Long reversesTxnId;
    private Long reversedByTxnId;
    private LocalDateTime createdAt;
}
