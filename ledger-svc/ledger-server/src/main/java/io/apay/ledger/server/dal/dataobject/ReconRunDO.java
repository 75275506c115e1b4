package io.apay.ledger.server.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;
import lombok.Data;

@Data
@TableName("ledger_recon_run")
public class ReconRunDO {
    @TableId(type = IdType.AUTO)
    private Long id;
    private String runTrigger;
    private Boolean ok;
    private Long accountsChecked;
    private Long postingsChecked;
    private Long holdsChecked;
    private Long differenceCount;
    private String differences;
    private LocalDateTime startedAt;
    private LocalDateTime finishedAt;
}
