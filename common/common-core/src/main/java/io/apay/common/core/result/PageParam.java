package io.apay.common.core.result;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Paging of every list endpoint: {@code pageNo} from 1, {@code pageSize} at most 100. */
public record PageParam(
        @Min(value = 1, message = "pageNo starts at 1") Integer pageNo,
        @Min(value = 1, message = "pageSize is at least 1") @Max(value = 100, message = "pageSize is at most 100") Integer pageSize) {

    public static final int DEFAULT_PAGE_SIZE = 20;

    public int page() {
        return pageNo == null ? 1 : pageNo;
    }

    public int size() {
        return pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
    }

    public long offset() {
        return (long) (page() - 1) * size();
    }
}
