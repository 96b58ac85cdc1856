package org.openml.auth.http;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one place that decides a request's client address (for rate limits and the API-key audit).
 * {@code X-Forwarded-For} is believed only when the direct peer is one of the trusted proxies, and
 * then only up to the first hop no trusted proxy vouches for: walking the header from the right,
 * the first address that is not itself a trusted proxy is the client. Anything else (no trusted
 * proxies configured, an untrusted peer, a malformed entry) falls back to what the trusted chain
 * saw, so a client cannot choose its own address by sending the header.
 *
 * <pre>{@code
 * new AuthPlugin(services, clock, "").clientAddress(ClientAddress.trusting(List.of("10.0.0.0/8", "::1")));
 * }</pre>
 */
public final class ClientAddress {
    private static final ClientAddress DIRECT = new ClientAddress(List.of());

    private final List<Block> trusted;

    private ClientAddress(List<Block> trusted) {
        this.trusted = trusted;
    }

    /** The socket's peer address, whatever headers say (no proxy in front). */
    public static ClientAddress direct() {
        return DIRECT;
    }

    /**
     * Believes {@code X-Forwarded-For} from these proxies: IPv4 or IPv6 addresses or CIDR blocks
     * ({@code 10.0.0.0/8}, {@code 192.168.1.10}, {@code fd00::/8}, {@code ::1}).
     *
     * @throws IllegalArgumentException naming the first entry that is not an address or block
     */
    public static ClientAddress trusting(List<String> proxies) {
        Objects.requireNonNull(proxies, "proxies");
        List<Block> blocks = new ArrayList<>();
        for (String proxy : proxies) blocks.add(Block.parse(proxy));
        return blocks.isEmpty() ? DIRECT : new ClientAddress(List.copyOf(blocks));
    }

    /** The client address of this request, in canonical text form. */
    public String of(Context ctx) {
        String peer = ctx.req().getRemoteAddr();
        // The server's own socket address text needs no parsing (and whoami runs this on every call).
        if (trusted.isEmpty()) return peer == null ? "unknown" : peer;
        Enumeration<String> headers = ctx.req().getHeaders("X-Forwarded-For");
        return resolve(peer, headers == null ? List.of() : Collections.list(headers));
    }

    /**
     * The client of a request from {@code peer} carrying these {@code X-Forwarded-For} header
     * values (in the order received).
     */
    String resolve(String peer, List<String> forwardedFor) {
        Optional<InetAddress> peerAddress = literal(peer);
        if (peerAddress.isEmpty()) return peer == null ? "unknown" : peer;
        InetAddress hop = peerAddress.get();
        if (!isTrusted(hop)) return hop.getHostAddress();
        List<String> entries = new ArrayList<>();
        for (String header : forwardedFor) {
            if (header == null) continue;
            for (String part : header.split(",")) entries.add(part.strip());
        }
        for (int i = entries.size() - 1; i >= 0; i--) {
            Optional<InetAddress> entry = literal(entries.get(i));
            // A trusted proxy wrote this entry; if it is garbage, the proxy itself is the last address we can vouch for.
            if (entry.isEmpty()) return hop.getHostAddress();
            hop = entry.get();
            if (!isTrusted(hop)) return hop.getHostAddress();
        }
        return hop.getHostAddress(); // every hop is a trusted proxy: the left-most is the closest we know
    }

    private boolean isTrusted(InetAddress address) {
        for (Block block : trusted) if (block.contains(address)) return true;
        return false;
    }

    /**
     * An IP address literal, never a host name: no DNS look-up happens for any input. Accepts
     * dotted-quad IPv4 (optionally with {@code :port}), IPv6 (optionally in brackets, with a zone
     * or {@code [..]:port}); IPv4-mapped IPv6 becomes IPv4.
     */
    static Optional<InetAddress> literal(String text) {
        if (text == null) return Optional.empty();
        String t = text.strip();
        if (t.isEmpty() || t.length() > 100) return Optional.empty();
        try {
            if (t.startsWith("[")) {
                int close = t.indexOf(']');
                if (close < 0) return Optional.empty();
                String rest = t.substring(close + 1);
                if (!rest.isEmpty() && !rest.matches(":\\d{1,5}")) return Optional.empty();
                return ipv6(t.substring(1, close));
            }
            if (t.indexOf(':') >= 0 && t.indexOf('.') >= 0 && t.matches("[0-9.]+:\\d{1,5}")) {
                t = t.substring(0, t.indexOf(':')); // IPv4 with a port
            }
            if (t.indexOf(':') >= 0) return ipv6(t);
            return ipv4(t);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<InetAddress> ipv4(String t) throws UnknownHostException {
        // Four decimal parts of 1-3 digits, each at most 255; parsed by hand (no regex, no DNS).
        byte[] bytes = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= t.length(); i++) {
            char c = i == t.length() ? '.' : t.charAt(i);
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) return Optional.empty();
            } else if (c == '.') {
                if (digits == 0 || part == 4) return Optional.empty();
                bytes[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                return Optional.empty();
            }
        }
        return part == 4 ? Optional.of(InetAddress.getByAddress(bytes)) : Optional.empty();
    }

    private static Optional<InetAddress> ipv6(String t) throws UnknownHostException {
        String address = t.replaceFirst("%[0-9A-Za-z_.-]*$", "");
        if (!address.matches("[0-9A-Fa-f:.]+") || address.indexOf(':') < 0) return Optional.empty();
        // In brackets, InetAddress only parses an IPv6 literal and never asks DNS.
        return Optional.of(InetAddress.getByName("[" + address + "]"));
    }

    /** An address block ({@code address/prefix}); a bare address is a block of one. */
    private record Block(byte[] network, int prefix) {
        static Block parse(String text) {
            String t = text == null ? "" : text.strip();
            int slash = t.indexOf('/');
            Optional<InetAddress> address = literal(slash < 0 ? t : t.substring(0, slash));
            if (address.isEmpty()) {
                throw new IllegalArgumentException("'" + t + "' is not an IP address or CIDR block (e.g. 10.0.0.0/8, fd00::/8)");
            }
            int bits = address.get().getAddress().length * 8;
            int prefix = bits;
            if (slash >= 0) {
                String p = t.substring(slash + 1);
                if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > bits) {
                    throw new IllegalArgumentException("'" + t + "' has a prefix length outside 0.." + bits);
                }
                prefix = Integer.parseInt(p);
            }
            return new Block(address.get().getAddress(), prefix);
        }

        boolean contains(InetAddress candidate) {
            byte[] bytes = candidate.getAddress();
            if (bytes.length != network.length) return false;
            int full = prefix / 8;
            for (int i = 0; i < full; i++) if (bytes[i] != network[i]) return false;
            int rest = prefix % 8;
            if (rest == 0) return true;
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (bytes[full] & mask) == (network[full] & mask);
        }
    }

    @Override
    public String toString() {
        return trusted.isEmpty() ? "ClientAddress[direct]" : "ClientAddress[trusting " + trusted.size() + " block(s)]";
    }
}
