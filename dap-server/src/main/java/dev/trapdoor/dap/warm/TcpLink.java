package dev.trapdoor.dap.warm;

import dev.trapdoor.dap.transport.Frames;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A loopback TCP connection to the warm-up's private server: the path a real client's requests take. */
final class TcpLink implements WarmUpLink {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final long deadline;

    /** @param deadline {@link System#nanoTime()} after which every wait fails */
    TcpLink(int port, long deadline) throws IOException {
        this.deadline = deadline;
        this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    @Override
    public void send(String json) throws IOException {
        out.write(Frames.frame(json));
        out.flush();
    }

    @Override
    public String next(String what) throws IOException {
        socket.setSoTimeout(remainingMillis(what));
        try {
            StringBuilder headers = new StringBuilder();
            while (headers.length() < 4 || !headers.substring(headers.length() - 4).equals("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                headers.append((char) b);
            }
            long length = Frames.contentLength(headers.toString());
            if (length < 0) {
                throw new WarmUpFailed("a message without a usable Content-Length: " + headers);
            }
            byte[] body = in.readNBytes((int) length);
            return body.length < length ? null : new String(body, StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            throw new WarmUpFailed("timed out waiting for " + what);
        }
    }

    private int remainingMillis(String what) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new WarmUpFailed("timed out waiting for " + what);
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    @Override
    public void close(boolean disconnected) throws IOException {
        try {
            if (disconnected) {
                while (next("the server to close the connection") != null) {
                    // late events (an output flush) before the close
                }
            }
        } catch (WarmUpFailed | IOException late) {
            // closed below all the same
        } finally {
            socket.close();
        }
    }
}
