package io.apay.merchant.service.callback;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Resolves a notify URL's host name; a seam so tests can play a DNS server that changes its answer. */
@FunctionalInterface
public interface HostResolver {

    HostResolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
}
