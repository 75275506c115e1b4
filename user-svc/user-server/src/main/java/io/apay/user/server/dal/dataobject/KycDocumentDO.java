package io.apay.user.server.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;
import lombok.Data;

@Data
@TableName("kyc_document")
public class KycDocumentDO {
    @TableId(type = IdType.AUTO)
    private Long id;
    private Long userId;
    private String docType;
    private String storageKey;
    private String contentType;
    private Integer sizeBytes;
    private String sha256;
    private String status;
    private LocalDateTime createdAt;
}
