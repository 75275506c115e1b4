package io.apay.ledger.server.controller;

import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.result.PageParam;

/** The paging limits of every list (pageNo from 1, pageSize 1..100), for endpoints that take them as parameters. */
public final class PagingRules {

    private PagingRules() {
    }

    public static PageParam page(Integer pageNo, Integer pageSize) {
        if ((pageNo != null && pageNo < 1) || (pageSize != null && (pageSize < 1 || pageSize > 100))) {
            throw new ServiceException(CommonErrorCodes.VALIDATION_FAILED, "pageNo starts at 1 and pageSize is 1 to 100");
        }
        return new PageParam(pageNo, pageSize);
    }
}
