package io.apay.push.api.event;

/**
 * How a consumer of presence events stays correct when events arrive late, twice or out of order: keep the last
 * applied {@code (epoch, phase)} per acceptor and apply an event only if it is greater.
 */
public final class AcceptorPresenceRule {

    private AcceptorPresenceRule() {
    }

    /** 0 for online, 1 for offline: the offline of an epoch comes after its online. */
    public static int phase(boolean online) {
        return online ? 0 : 1;
    }

    /** True if news {@code (epoch, online)} is newer than the last applied {@code (lastEpoch, lastOnline)}. */
    public static boolean isNewer(long epoch, boolean online, long lastEpoch, boolean lastOnline) {
        return epoch > lastEpoch || (epoch == lastEpoch && phase(online) > phase(lastOnline));
    }
}
