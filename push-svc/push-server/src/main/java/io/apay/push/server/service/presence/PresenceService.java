package io.apay.push.server.service.presence;

import io.apay.common.core.redis.RedisKeys;
import io.apay.common.mq.OutboxPublisher;
import io.apay.push.api.dto.AcceptorPresence;
import io.apay.push.api.dto.OnlineAcceptorsPage;
import io.apay.push.api.event.AcceptorOfflineEvent;
import io.apay.push.api.event.AcceptorOnlineEvent;
import io.apay.push.api.event.OfflineReason;
import io.apay.push.api.event.PushEvents;
import io.apay.push.server.config.PushProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The authoritative online state of acceptors, in Redis, changed only by compare-and-set on the connection epoch
 * ({@link PresenceScripts}). Each applied transition is published as an event through the outbox: the event row is
 * written first and the transaction rolls back if the compare-and-set does not apply, so an event exists only for a
 * transition that happened.
 */
@Service
public class PresenceService {

    private static final Logger log = LoggerFactory.getLogger(PresenceService.class);

    private final RedissonClient redisson;
    private final RedisKeys keys;
    private final OutboxPublisher outbox;
    private final TransactionTemplate tx;
    private final PushProperties props;
    private final Clock clock;

    public PresenceService(RedissonClient redisson, RedisKeys keys, OutboxPublisher outbox,
                           PlatformTransactionManager txManager, PushProperties props, Clock clock) {
        this.redisson = redisson;
        this.keys = keys;
        this.outbox = outbox;
        this.tx = new TransactionTemplate(txManager);
        this.props = props;
        this.clock = clock;
    }

    /** The next epoch of the acceptor's connections (Redis INCR): strictly increasing. */
    public long nextEpoch(long acceptorId) {
        Long epoch = script().eval(RScript.Mode.READ_WRITE, PresenceScripts.NEXT_EPOCH, RScript.ReturnType.INTEGER,
                List.of(epochKey(acceptorId)));
        return epoch;
    }

    /** Makes the connection of {@code epoch} the live one, if no newer one is registered; publishes acceptor.online. */
    public OnlineResult goOnline(long acceptorId, long epoch, String deviceId) {
        Instant now = clock.instant();
        OnlineResult result = tx.execute(status -> {
            outbox.publish(PushEvents.ACCEPTOR_ONLINE, new AcceptorOnlineEvent(acceptorId, epoch, deviceId, now));
            List<Object> r = script().eval(RScript.Mode.READ_WRITE, PresenceScripts.ONLINE, RScript.ReturnType.MULTI,
                    List.of(sessionKey(acceptorId), onlineKey()), String.valueOf(acceptorId), String.valueOf(epoch),
                    props.getNodeId(), deviceId, String.valueOf(now.toEpochMilli()));
            OnlineResult online = new OnlineResult("1".equals(r.get(0)), Long.parseLong((String) r.get(1)),
                    "1".equals(r.get(2)), (String) r.get(3));
            if (!online.applied()) {
                status.setRollbackOnly();
            }
            return online;
        });
        if (result.applied()) {
            redisson.getSet(nodeAcceptorsKey(props.getNodeId()), StringCodec.INSTANCE).add(String.valueOf(acceptorId));
        }
        return result;
    }

    /** Ends the connection of {@code epoch} if it is the live one; publishes acceptor.offline. False if it was not. */
    public boolean goOffline(long acceptorId, long epoch, OfflineReason reason) {
        Instant now = clock.instant();
        Boolean applied = tx.execute(status -> {
            outbox.publish(PushEvents.ACCEPTOR_OFFLINE, new AcceptorOfflineEvent(acceptorId, epoch, reason, now));
            Long r = script().eval(RScript.Mode.READ_WRITE, PresenceScripts.OFFLINE, RScript.ReturnType.INTEGER,
                    List.of(sessionKey(acceptorId), onlineKey()), String.valueOf(acceptorId), String.valueOf(epoch),
                    String.valueOf(now.toEpochMilli()));
            if (r == null || r != 1L) {
                status.setRollbackOnly();
                return false;
            }
            return true;
        });
        if (Boolean.TRUE.equals(applied)) {
            log.info("acceptor {} offline (epoch {}, {})", acceptorId, epoch, reason);
        } else {
            log.debug("acceptor {} epoch {} ended ({}) but is not the live connection: state unchanged", acceptorId, epoch, reason);
        }
        return Boolean.TRUE.equals(applied);
    }

    /** The live connection of the acceptor, if online. */
    public Optional<SessionLocation> current(long acceptorId) {
        Map<String, String> s = redisson.<String, String>getMap(sessionKey(acceptorId), StringCodec.INSTANCE).readAllMap();
        if (!"1".equals(s.get("online"))) {
            return Optional.empty();
        }
        return Optional.of(new SessionLocation(acceptorId, Long.parseLong(s.get("epoch")), s.get("node"), s.get("device")));
    }

    public boolean isLive(long acceptorId, long epoch) {
        return current(acceptorId).map(l -> l.epoch() == epoch).orElse(false);
    }

    public AcceptorPresence presence(long acceptorId) {
        return presences(List.of(acceptorId)).get(0);
    }

    /** One Redis round trip for the whole list. */
    @SuppressWarnings("unchecked")
    public List<AcceptorPresence> presences(Collection<Long> acceptorIds) {
        RBatch batch = redisson.createBatch();
        for (Long id : acceptorIds) {
            batch.getMap(sessionKey(id), StringCodec.INSTANCE).readAllMapAsync();
            batch.getBucket(epochKey(id), StringCodec.INSTANCE).getAsync();
        }
        BatchResult<?> results = batch.execute();
        List<AcceptorPresence> out = new ArrayList<>(acceptorIds.size());
        int i = 0;
        for (Long id : acceptorIds) {
            Map<String, String> s = (Map<String, String>) results.getResponses().get(i++);
            String counter = (String) results.getResponses().get(i++);
            boolean online = "1".equals(s.get("online"));
            long epoch = s.containsKey("epoch") ? Long.parseLong(s.get("epoch"))
                    : counter == null ? 0 : Long.parseLong(counter);
            Instant since = online ? Instant.ofEpochMilli(Long.parseLong(s.get("since"))) : null;
            out.add(new AcceptorPresence(id, online, epoch, since));
        }
        return out;
    }

    /** Online acceptors with id greater than {@code after}, ascending. */
    public OnlineAcceptorsPage online(long after, int limit) {
        Collection<String> ids = redisson.<String>getScoredSortedSet(onlineKey(), StringCodec.INSTANCE)
                .valueRange(after, false, Double.POSITIVE_INFINITY, true, 0, limit);
        List<Long> acceptorIds = ids.stream().map(Long::parseLong).toList();
        List<AcceptorPresence> page = acceptorIds.isEmpty() ? List.of() : presences(acceptorIds).stream()
                .filter(AcceptorPresence::online).toList();
        Long next = acceptorIds.size() < limit ? null : acceptorIds.get(acceptorIds.size() - 1);
        return new OnlineAcceptorsPage(page, next);
    }

    // ---- replica leases: a replica that dies without closing its sockets must not leave its acceptors online

    /** Renews this replica's lease (called every heartbeat). */
    public void renewLease() {
        redisson.getBucket(leaseKey(props.getNodeId()), StringCodec.INSTANCE)
                .set(String.valueOf(clock.millis()), props.getNodeLease());
        redisson.getSet(nodesKey(), StringCodec.INSTANCE).add(props.getNodeId());
    }

    /** On a clean shutdown, after this replica's sockets are closed. */
    public void releaseLease() {
        redisson.getBucket(leaseKey(props.getNodeId())).delete();
        redisson.getSet(nodesKey(), StringCodec.INSTANCE).remove(props.getNodeId());
        redisson.getSet(nodeAcceptorsKey(props.getNodeId())).delete();
    }

    /**
     * Pauses the acceptors whose live connection is on a replica whose lease lapsed. Safe on several replicas at
     * once: each pause is a compare-and-set, so each is applied (and published) once. Returns how many were paused.
     */
    public int reapLostReplicas() {
        int reaped = 0;
        for (String node : redisson.<String>getSet(nodesKey(), StringCodec.INSTANCE).readAll()) {
            if (node.equals(props.getNodeId()) || redisson.getBucket(leaseKey(node)).isExists()) {
                continue;
            }
            var acceptors = redisson.<String>getSet(nodeAcceptorsKey(node), StringCodec.INSTANCE);
            for (String acceptor : acceptors.readAll()) {
                if (reap(Long.parseLong(acceptor), node)) {
                    reaped++;
                }
            }
            acceptors.delete();
            redisson.getSet(nodesKey(), StringCodec.INSTANCE).remove(node);
            log.warn("replica {} lost its lease: its acceptors are paused", node);
        }
        return reaped;
    }

    private boolean reap(long acceptorId, String node) {
        Instant now = clock.instant();
        Boolean applied = tx.execute(status -> {
            Long epoch = current(acceptorId).filter(l -> l.node().equals(node)).map(SessionLocation::epoch).orElse(0L);
            if (epoch == 0) {
                return false;
            }
            outbox.publish(PushEvents.ACCEPTOR_OFFLINE,
                    new AcceptorOfflineEvent(acceptorId, epoch, OfflineReason.REPLICA_LOST, now));
            String r = script().eval(RScript.Mode.READ_WRITE, PresenceScripts.REAP, RScript.ReturnType.VALUE,
                    List.of(sessionKey(acceptorId), onlineKey()), String.valueOf(acceptorId), node,
                    String.valueOf(now.toEpochMilli()));
            if (!String.valueOf(epoch).equals(r)) {
                status.setRollbackOnly();
                return false;
            }
            return true;
        });
        return Boolean.TRUE.equals(applied);
    }

    private RScript script() {
        return redisson.getScript(StringCodec.INSTANCE);
    }

    String epochKey(long acceptorId) {
        return keys.key("push", "epoch", acceptorId);
    }

    String sessionKey(long acceptorId) {
        return keys.key("push", "session", acceptorId);
    }

    String onlineKey() {
        return keys.key("push", "online");
    }

    private String leaseKey(String node) {
        return keys.key("push", "node", node);
    }

    private String nodesKey() {
        return keys.key("push", "nodes");
    }

    private String nodeAcceptorsKey(String node) {
        return keys.key("push", "node-acceptors", node);
    }
}
