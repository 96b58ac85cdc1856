package org.openml.auth.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder for fault tests: a database that is down ({@link #reserve} a port nobody
 * listens on), comes up later ({@link #start}), or vanishes mid-request ({@link #stop}, which
 * cuts every open connection).
 */
public final class TcpProxy implements AutoCloseable {
    private final int port;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private volatile long delayMillis;

    private TcpProxy(int port, String targetHost, int targetPort) {
        this.port = port;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    /** A proxy on a free local port that forwards nothing until {@link #start()}. */
    public static TcpProxy reserve(String targetHost, int targetPort) throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return new TcpProxy(probe.getLocalPort(), targetHost, targetPort);
        }
    }

    public int port() {
        return port;
    }

    /**
     * Holds every chunk of data, in both directions, for {@code delay} before passing it on: a
     * slow database (or network). {@code Duration.ZERO} makes it fast again.
     */
    public TcpProxy delay(java.time.Duration delay) {
        this.delayMillis = delay.toMillis();
        return this;
    }

    /** Starts accepting and forwarding connections. */
    public synchronized TcpProxy start() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = s;
        Thread acceptor = new Thread(() -> accept(s), "tcp-proxy-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
        return this;
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                // Registered under the lock stop() takes: a connection accepted while stop() runs is cut
                // too, not added after stop() cleared the list (it would outlive the "outage").
                if (!register(s, client)) continue;
                Socket upstream = new Socket(targetHost, targetPort);
                if (!register(s, upstream)) {
                    closeQuietly(client);
                    continue;
                }
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                // closed by stop(), or the target refused: the client sees its connection cut
            }
        }
    }

    /** Keeps {@code socket} to be cut by {@link #stop()}; false (and closed) when that already ran. */
    private synchronized boolean register(ServerSocket s, Socket socket) {
        if (s.isClosed()) {
            closeQuietly(socket);
            return false;
        }
        sockets.add(socket);
        return true;
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    long delay = delayMillis;
                    if (delay > 0) Thread.sleep(delay);
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Stops accepting and cuts every forwarded connection, as a database that went away. */
    public synchronized void stop() {
        if (server != null) closeQuietly(server);
        server = null;
        for (Socket s : sockets) closeQuietly(s);
        sockets.clear();
    }

    @Override
    public void close() {
        stop();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
