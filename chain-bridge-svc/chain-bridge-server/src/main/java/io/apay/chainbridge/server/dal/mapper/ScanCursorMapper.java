package io.apay.chainbridge.server.dal.mapper;

import java.time.LocalDateTime;
import java.util.Map;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface ScanCursorMapper {

    @Select("SELECT block_number, block_hash FROM scan_cursor WHERE network = #{network}")
    Map<String, Object> find(@Param("network") String network);

    @Select("SELECT block_number, block_hash FROM scan_cursor WHERE network = #{network} FOR UPDATE")
    Map<String, Object> lock(@Param("network") String network);

    @Insert("INSERT IGNORE INTO scan_cursor (network, block_number, block_hash, updated_at) VALUES (#{network}, #{number}, #{hash}, #{now})")
    int create(@Param("network") String network, @Param("number") long number, @Param("hash") String hash, @Param("now") LocalDateTime now);

    @Update("UPDATE scan_cursor SET block_number = #{number}, block_hash = #{hash}, updated_at = #{now} WHERE network = #{network}")
    int move(@Param("network") String network, @Param("number") long number, @Param("hash") String hash, @Param("now") LocalDateTime now);

    @Insert("INSERT INTO scanned_block (network, block_number, block_hash) VALUES (#{network}, #{number}, #{hash})"
            + " ON DUPLICATE KEY UPDATE block_hash = #{hash}")
    int recordBlock(@Param("network") String network, @Param("number") long number, @Param("hash") String hash);

    @Select("SELECT block_hash FROM scanned_block WHERE network = #{network} AND block_number = #{number}")
    String scannedHash(@Param("network") String network, @Param("number") long number);

    @Delete("DELETE FROM scanned_block WHERE network = #{network} AND block_number > #{fork}")
    int forgetAbove(@Param("network") String network, @Param("fork") long fork);

    @Delete("DELETE FROM scanned_block WHERE network = #{network} AND block_number < #{below}")
    int forgetBelow(@Param("network") String network, @Param("below") long below);
}
