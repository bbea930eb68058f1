package dev.trapdoor.dap.transport;

import dev.trapdoor.dap.session.AttachTarget;
import dev.trapdoor.dap.source.SourceVariablesProvider;
import dev.trapdoor.engine.exec.MemoryBudget;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * DAP over TCP with Netty. Each accepted connection gets its own {@link DapConnection}, so its own session and
 * engine; many may run at once. The event loop only frames bytes; messages are handled on each connection's serial
 * thread. Binds where it is told (loopback unless the user asks otherwise).
 */
public final class TcpServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TcpServer.class.getName());

    private final EventLoopGroup boss = new NioEventLoopGroup(1);
    private final EventLoopGroup workers = new NioEventLoopGroup(2);
    private final Channel channel;

    private TcpServer(String host, int port, Path cwd, SourceVariablesProvider sourceVariables,
                      Supplier<AttachTarget> attachTarget, MemoryBudget serverMemory) throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ContentLengthDecoder(),
                                new Handler(cwd, sourceVariables, attachTarget.get(), serverMemory));
                    }
                });
        try {
            channel = b.bind(host, port).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            boss.shutdownGracefully();
            workers.shutdownGracefully();
            throw e;
        }
    }

    /**
     * Starts listening.
     *
     * @param attachTarget what {@code attach} attaches to on each connection, or a supplier of {@code null}
     */
    public static TcpServer start(String host, int port, Path cwd, SourceVariablesProvider sourceVariables,
                                  Supplier<AttachTarget> attachTarget) throws InterruptedException {
        return new TcpServer(host, port, cwd, sourceVariables, attachTarget, null);
    }

    /**
     * Starts listening; the programs of all sessions together may reserve no more linear memory than
     * {@code serverMemory} allows (null: no server-wide limit).
     */
    public static TcpServer start(String host, int port, Path cwd, SourceVariablesProvider sourceVariables,
                                  Supplier<AttachTarget> attachTarget, MemoryBudget serverMemory)
            throws InterruptedException {
        return new TcpServer(host, port, cwd, sourceVariables, attachTarget, serverMemory);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** The line clients and tests wait for: {@code listening on 127.0.0.1:PORT}. */
    public String listeningLine() {
        return "listening on " + address().getAddress().getHostAddress() + ":" + address().getPort();
    }

    /** Blocks until the server channel closes. */
    public void awaitClose() throws InterruptedException {
        channel.closeFuture().sync();
    }

    @Override
    public void close() {
        channel.close();
        boss.shutdownGracefully();
        workers.shutdownGracefully();
    }

    /** One connection's inbound side. */
    private static final class Handler extends SimpleChannelInboundHandler<Object> {
        private final Path cwd;
        private final SourceVariablesProvider sourceVariables;
        private final AttachTarget attachTarget;
        private final MemoryBudget serverMemory;
        private DapConnection connection;

        Handler(Path cwd, SourceVariablesProvider sourceVariables, AttachTarget attachTarget,
                MemoryBudget serverMemory) {
            this.cwd = cwd;
            this.sourceVariables = sourceVariables;
            this.attachTarget = attachTarget;
            this.serverMemory = serverMemory;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Channel ch = ctx.channel();
            connection = new DapConnection(frame -> ch.writeAndFlush(Unpooled.wrappedBuffer(frame)), cwd,
                    sourceVariables, attachTarget, () -> ch.close());
            connection.session().shareMemoryBudget(serverMemory);
            LOG.info("client connected from " + ch.remoteAddress());
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object message) {
            if (message instanceof String json) {
                connection.receive(json);
            } else if (message instanceof ContentLengthDecoder.BrokenFraming) {
                connection.afterPending(() -> ctx.channel().close());
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            LOG.info("client " + ctx.channel().remoteAddress() + " disconnected; ending its session");
            connection.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.warning("connection error: " + cause);
            ctx.close();
        }
    }
}
