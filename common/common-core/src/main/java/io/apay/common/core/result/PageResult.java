package io.apay.common.core.result;

import java.util.List;

/** One page of a list, with the total number of rows that match. */
public record PageResult<T>(List<T> list, long total) {

    public static <T> PageResult<T> empty() {
        return new PageResult<>(List.of(), 0);
    }
}
