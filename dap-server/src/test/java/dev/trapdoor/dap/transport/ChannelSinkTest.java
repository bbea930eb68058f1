package dev.trapdoor.dap.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link ChannelSink} on a real loopback connection: every frame arrives once, whole and in the order written, whether
 * written in bursts (that drains take many at a time) or one at a time with nothing after it to push it out; and
 * JSON framed by the sink ({@link FrameBytes}, or {@link Frames#frame} with the switch off) arrives as the bytes
 * {@link Frames#frame} makes, both ways.
 */
class ChannelSinkTest {
    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private Channel server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        group.shutdownGracefully();
    }

    /** A server whose every accepted connection is handed, on a thread of its own, to {@code writer}. */
    private int serve(Consumer<ChannelSink> writer) throws InterruptedException {
        return serve(ChannelSink.directFrames, writer);
    }

    private int serve(boolean direct, Consumer<ChannelSink> writer) throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        Thread t = new Thread(() -> writer.accept(new ChannelSink(ctx.channel(), direct)), "writer");
                        t.setDaemon(true);
                        t.start();
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private static String text(int i) {
        // Two-, three- and four-byte UTF-8 characters and varying lengths: batches are sized in bytes.
        return "{\"seq\":" + i + ",\"body\":\"é€😀" + "x".repeat(i % 300) + "\"}";
    }

    private static List<byte[]> read(int port, int count) throws IOException {
        List<byte[]> bodies = new ArrayList<>();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            DataInputStream in = new DataInputStream(s.getInputStream());
            for (int i = 0; i < count; i++) {
                ByteArrayOutputStream header = new ByteArrayOutputStream();
                while (!header.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                    header.write(in.readUnsignedByte());
                }
                String h = header.toString(StandardCharsets.US_ASCII);
                assertEquals("Content-Length: ", h.substring(0, 16), h);
                byte[] body = new byte[Integer.parseInt(h.substring(16, h.length() - 4))];
                in.readFully(body);
                bodies.add(body);
            }
        }
        return bodies;
    }

    @Test
    void burstsArriveWholeAndInOrder() throws Exception {
        int n = 2_000;
        int port = serve(sink -> {
            for (int i = 0; i < n; i++) {
                sink.write(Frames.frame(text(i)));
            }
        });
        List<byte[]> bodies = read(port, n);
        for (int i = 0; i < n; i++) {
            assertArrayEquals(text(i).getBytes(StandardCharsets.UTF_8), bodies.get(i), "message " + i);
        }
    }

    @Test
    void aLoneMessageIsFlushedWithoutMoreTraffic() throws Exception {
        // Spaced out, and the last has nothing after it: only the sink itself can get each one out.
        int n = 20;
        int port = serve(sink -> {
            for (int i = 0; i < n; i++) {
                sink.write(Frames.frame(text(i)));
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        List<byte[]> bodies = read(port, n);
        assertEquals(n, bodies.size());
        assertArrayEquals(text(n - 1).getBytes(StandardCharsets.UTF_8), bodies.get(n - 1));
    }

    /** Text whose UTF-8 is longer than its chars, non-BMP characters, and surrogates without their other half. */
    private static String odd(int i) {
        String lone = i % 3 == 0 ? "\uD83D\"" : i % 3 == 1 ? "\uDE42x" : "\uDE42\uD83D";
        return "{\"seq\":" + i + ",\"body\":\"é€😀𐍈\u2028" + lone + "ü".repeat(i % 700) + "\"}";
    }

    @Test
    void framedJsonArrivesAsFramesMakesItBothWays() throws Exception {
        for (boolean direct : new boolean[] {true, false}) {
            int n = 1_500;
            int port = serve(direct, sink -> {
                for (int i = 0; i < n; i++) {
                    // Builders reused as the connection reuses its thread's buffer; every fifth an array, as stdio's.
                    if (i % 5 == 0) {
                        sink.write(Frames.frame(odd(i)));
                    } else {
                        sink.writeJson(new StringBuilder(odd(i)));
                    }
                }
            });
            List<byte[]> bodies = read(port, n);
            for (int i = 0; i < n; i++) {
                byte[] expected = odd(i).getBytes(StandardCharsets.UTF_8);
                assertArrayEquals(expected, bodies.get(i), (direct ? "direct" : "arrays") + ", message " + i);
            }
            server.close();
        }
    }
}
