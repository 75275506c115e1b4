package io.apay.push.server.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;
import lombok.Data;

/** A monitor device of an acceptor and its (encrypted) signing secret. Times are UTC. */
@Data
@TableName("monitor_device")
public class MonitorDeviceDO {
    public static final int ACTIVE = 0;
    public static final int REVOKED = 1;

    @TableId(type = IdType.AUTO)
    private Long id;
    private String deviceId;
    private Long acceptorId;
    private String name;
    private String secretEnc;
    private Integer status;
    private LocalDateTime createdAt;
    private LocalDateTime revokedAt;
}
