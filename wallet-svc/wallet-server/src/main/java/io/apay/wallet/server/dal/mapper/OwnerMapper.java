package io.apay.wallet.server.dal.mapper;

import java.time.LocalDateTime;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** The owner rows that serialise an owner's withdrawal admissions (the daily limit is counted under their lock). */
@Mapper
public interface OwnerMapper {

    @Insert("INSERT IGNORE INTO wallet_owner (owner_ref, created_at) VALUES (#{ownerRef}, #{now})")
    int ensure(@Param("ownerRef") String ownerRef, @Param("now") LocalDateTime now);

    /** Locks the owner's row for this transaction (waits for another admission of the same owner). */
    @Select("SELECT owner_ref FROM wallet_owner WHERE owner_ref = #{ownerRef} FOR UPDATE")
    String lock(@Param("ownerRef") String ownerRef);
}
