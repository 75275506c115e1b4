package io.apay.push.server.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;
import lombok.Data;

/** A message for an acceptor's monitor, kept until acknowledged or expired. Times are UTC. */
@Data
@TableName("acceptor_message")
public class AcceptorMessageDO {
    public static final int PENDING = 0;
    public static final int ACKED = 1;

    @TableId(type = IdType.AUTO)
    private Long id;
    private String messageId;
    private Long acceptorId;
    private String type;
    private String frame;
    private Integer status;
    private LocalDateTime expiresAt;
    private LocalDateTime createdAt;
    private LocalDateTime ackedAt;
    private Long ackedEpoch;
}
