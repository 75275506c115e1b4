package io.apay.ledger.server.dal.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import com.baomidou.mybatisplus.core.metadata.IPage;
import io.apay.ledger.server.dal.dataobject.PostingDO;
import io.apay.ledger.server.dal.dataobject.StatementRowDO;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

public interface PostingMapper extends BaseMapper<PostingDO> {

    /** The postings of one account with their transaction's type and reference, newest first. */
    @Select("SELECT p.id, p.txn_id, t.type AS txn_type, t.biz_ref, t.memo, p.coin, p.amount, p.balance_after, p.created_at"
            + " FROM ledger_posting p JOIN ledger_txn t ON t.id = p.txn_id"
            + " WHERE p.account_id = #{accountId} ORDER BY p.id DESC")
    IPage<StatementRowDO> selectStatement(IPage<StatementRowDO> page, @Param("accountId") long accountId);
}
