package io.apay.push.server.service.session;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The monitor sessions this replica holds: all of them (for the heartbeat) and the newest per acceptor. */
@Component
public class SessionRegistry {

    private final Map<String, MonitorSession> byId = new ConcurrentHashMap<>();
    private final Map<Long, MonitorSession> newestByAcceptor = new ConcurrentHashMap<>();

    void add(MonitorSession session) {
        byId.put(session.id(), session);
        newestByAcceptor.merge(session.acceptorId(), session, (old, now) -> now.epoch() > old.epoch() ? now : old);
    }

    void remove(MonitorSession session) {
        byId.remove(session.id());
        newestByAcceptor.remove(session.acceptorId(), session);
    }

    public Collection<MonitorSession> all() {
        return byId.values();
    }

    public int size() {
        return byId.size();
    }

    /** This replica's session of the acceptor with exactly that epoch, if it still holds it. */
    public MonitorSession find(long acceptorId, long epoch) {
        MonitorSession s = newestByAcceptor.get(acceptorId);
        if (s != null && s.epoch() == epoch) {
            return s;
        }
        for (MonitorSession candidate : byId.values()) {
            if (candidate.acceptorId() == acceptorId && candidate.epoch() == epoch) {
                return candidate;
            }
        }
        return null;
    }

}
