package io.apay.chainbridge.server.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import lombok.Data;

@Data
@TableName("chain_sweep")
public class SweepDO {
    @TableId(type = IdType.AUTO)
    private Long id;
    private String network;
    private String kind;
    private String address;
    private String coin;
    private BigDecimal amount;
    private String txHash;
    private String status;
    private LocalDateTime createdAt;
    private LocalDateTime updatedAt;
}
