package io.apay.common.web.oplog;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What an {@link OperationLog} operation tells its log row from inside: the state it changed, before and after.
 * <pre>
 *   MerchantView before = view(m);
 *   ...change m...
 *   OperationLogContext.recordChange(before, view(m));
 * </pre>
 */
public final class OperationLogContext {

    private static final ThreadLocal<Deque<Change>> CURRENT = ThreadLocal.withInitial(ArrayDeque::new);

    /** The state before and after (either may be null: created, deleted). */
    public record Change(Object before, Object after) {
    }

    private OperationLogContext() {
    }

    /** Records the change of the innermost operation being logged on this thread; does nothing outside one. */
    public static void recordChange(Object before, Object after) {
        Deque<Change> stack = CURRENT.get();
        if (!stack.isEmpty()) {
            stack.pop();
            stack.push(new Change(before, after));
        }
    }

    static void enter() {
        CURRENT.get().push(new Change(null, null));
    }

    static Change exit() {
        Deque<Change> stack = CURRENT.get();
        Change change = stack.pop();
        if (stack.isEmpty()) {
            CURRENT.remove();
        }
        return change;
    }
}
