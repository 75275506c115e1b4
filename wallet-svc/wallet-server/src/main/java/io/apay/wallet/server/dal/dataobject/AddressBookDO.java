package io.apay.wallet.server.dal.dataobject;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;
import lombok.Data;

@Data
@TableName("wallet_address_book")
public class AddressBookDO {

    @TableId(type = IdType.AUTO)
    private Long id;
    private String ownerRef;
    private String network;
    private String address;
    private String label;
    private LocalDateTime usableAt;
    private LocalDateTime createdAt;
}
