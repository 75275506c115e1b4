package io.apay.ledger.server.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import io.apay.ledger.api.enums.AccountKind;
import io.apay.ledger.api.enums.OwnerType;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import lombok.Data;

@Data
@TableName("ledger_account")
public class AccountDO {
    @TableId(type = IdType.AUTO)
    private Long id;
    private OwnerType ownerType;
    private String ownerId;
    private String coin;
    private AccountKind kind;
    private Boolean allowNegative;
    private BigDecimal balance;
    private Long version;
    private LocalDateTime createdAt;
    private LocalDateTime updatedAt;
}
