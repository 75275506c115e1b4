package io.apay.ledger.server;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Breaks the ledger writer threads' database access on purpose: a thin wrapper around the real DataSource (and
 * its connections) that only acts on the writer threads ({@code ledger-writer-*}); every other thread uses the
 * database as usual. It can fail the next commit of a transaction that wrote journal rows, in one of these ways,
 * and can leave the database unreachable to the writers afterwards, until {@link #heal()}. On the other threads it
 * can fail one read of the journal ({@link #failNextJournalReadOffWriter()}).
 */
class WriterFaults implements BeanPostProcessor {

    enum CommitFault {
        NONE,
        /** the commit reaches the database and commits; the connection dies before its answer comes back */
        COMMITTED_ANSWER_LOST,
        /** the connection dies before the commit reaches the database, which rolls the transaction back */
        LOST_BEFORE_COMMIT,
        /** the commit succeeds, then the writer thread fails with an Error (a bug) before it answers */
        COMMITTED_THEN_ERROR
    }

    private static final Set<String> ALWAYS_ALLOWED = Set.of("close", "isClosed", "unwrap", "isWrapperFor", "toString",
            "hashCode", "equals");

    private final AtomicReference<CommitFault> nextJournalCommit = new AtomicReference<>(CommitFault.NONE);
    private final AtomicInteger fired = new AtomicInteger();
    private final AtomicBoolean failJournalReadOffWriter = new AtomicBoolean();
    private volatile boolean downAfterFault;
    private volatile boolean down;
    private volatile CountDownLatch pausedAt;
    private volatile CountDownLatch resume;

    /** The next commit (on a writer) of a transaction that inserted journal rows fails this way. */
    void failNextJournalCommit(CommitFault fault, boolean databaseStaysDown) {
        downAfterFault = databaseStaysDown;
        nextJournalCommit.set(fault);
    }

    /** From now on the writers cannot reach the database (no connection, every statement fails). */
    void takeDown() {
        down = true;
    }

    /**
     * The next commit (on a writer) of a transaction that inserted journal rows waits until {@link #resume()}, so
     * commands pile up behind it and form one batch. Answers a latch that opens once the writer is waiting.
     */
    CountDownLatch pauseNextJournalCommit() {
        resume = new CountDownLatch(1);
        pausedAt = new CountDownLatch(1);
        return pausedAt;
    }

    void resume() {
        CountDownLatch r = resume;
        if (r != null) {
            r.countDown();
        }
    }

    /** The next query of {@code ledger_txn} on a thread other than a writer's (a request thread) fails. */
    void failNextJournalReadOffWriter() {
        failJournalReadOffWriter.set(true);
    }

    void heal() {
        failJournalReadOffWriter.set(false);
        resume();
        nextJournalCommit.set(CommitFault.NONE);
        downAfterFault = false;
        down = false;
    }

    int faultsFired() {
        return fired.get();
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof DataSource ds && !(bean instanceof FaultyDataSource) ? new FaultyDataSource(ds) : bean;
    }

    private static boolean onWriter() {
        return Thread.currentThread().getName().startsWith("ledger-writer-");
    }

    private static SQLException connectionLost(String what) {
        return new SQLNonTransientConnectionException("simulated: " + what, "08S01");
    }

    private final class FaultyDataSource extends DelegatingDataSource {

        FaultyDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (!onWriter()) {
                return failJournalReadOffWriter.get() ? failingJournalRead(super.getConnection()) : super.getConnection();
            }
            if (down) {
                throw connectionLost("database unreachable");
            }
            return wrap(super.getConnection());
        }
    }

    private Connection failingJournalRead(Connection real) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement") && ((String) args[0]).contains("FROM ledger_txn")
                            && failJournalReadOffWriter.getAndSet(false)) {
                        fired.incrementAndGet();
                        throw connectionLost("connection lost reading the journal");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private Connection wrap(Connection real) {
        boolean[] journalWritten = {false};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (down && !ALWAYS_ALLOWED.contains(name)) {
                        throw connectionLost("database unreachable");
                    }
                    if (name.equals("prepareStatement") && ((String) args[0]).contains("INSERT INTO ledger_txn")) {
                        journalWritten[0] = true;
                    } else if (name.equals("rollback") && args == null) {
                        journalWritten[0] = false;
                    } else if (name.equals("commit") && journalWritten[0]) {
                        journalWritten[0] = false;
                        CommitFault fault = nextJournalCommit.getAndSet(CommitFault.NONE);
                        pauseIfAsked();
                        if (fault != CommitFault.NONE) {
                            fire(real, fault);
                        }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private void pauseIfAsked() throws InterruptedException {
        CountDownLatch paused = pausedAt;
        if (paused != null && paused.getCount() > 0) {
            paused.countDown();
            if (!resume.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never resumed the paused writer");
            }
        }
    }

    private void fire(Connection real, CommitFault fault) throws SQLException {
        fired.incrementAndGet();
        switch (fault) {
            case COMMITTED_ANSWER_LOST -> {
                real.commit();
                down = downAfterFault;
                throw connectionLost("connection lost after COMMIT was sent");
            }
            case LOST_BEFORE_COMMIT -> {
                real.rollback(); // what the server does with the open transaction of a connection that died
                down = downAfterFault;
                throw connectionLost("connection lost before COMMIT was sent");
            }
            case COMMITTED_THEN_ERROR -> {
                real.commit();
                throw new AssertionError("simulated: the writer failed after its commit");
            }
            default -> throw new IllegalStateException(fault.name());
        }
    }
}
