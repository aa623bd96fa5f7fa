package com.telemed.devstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Port checks done before anything starts, so a clash is reported by name instead of as a bind error. */
final class Ports {

    private Ports() {
    }

    static boolean isFree(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 300);
            return false; // something answers
        } catch (IOException expected) {
            // nothing listening on loopback; also make sure we could bind it ourselves
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void requireFree(int port, String owner) {
        if (!isFree(port)) {
            throw new StartupException("port " + port + " (" + owner + ") is already in use. Is another devstack "
                    + "running? Stop it (Ctrl-C, or `make down` after a crash) or free the port, then retry.");
        }
    }

    /** A free ephemeral port on loopback, for listeners nobody outside the launcher needs to know. */
    static int ephemeral() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new StartupException("could not find a free local port", e);
        }
    }
}
