package dev.trapdoor.dap.transport;

import dev.trapdoor.dap.session.AttachTarget;
import dev.trapdoor.dap.source.SourceVariablesProvider;
import dev.trapdoor.engine.exec.MemoryBudget;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * DAP over TCP with Netty. Each accepted connection gets its own {@link DapConnection}, so its own session and
 * engine; many may run at once. The event loop frames bytes; requests are handled on each connection's session
 * thread, so one client's slow request never holds up another's (with {@link #quickOnEventLoop} on, the event loop
 * handles an idle connection's quick requests itself: stack, scopes, variables, steps). Binds where it is told
 * (loopback unless the user asks otherwise). {@link ServerLimits} bound what each client may cost: message size, the
 * number of sessions, and how long a connection may sit half-open.
 */
public final class TcpServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TcpServer.class.getName());
    /**
     * Whether an event loop handles an idle connection's quick requests itself ({@link DapConnection#receiveQuick}),
     * read when a connection opens. Off unless {@code -Dtrapdoor.dap.quickOnEventLoop=true}: the quick path cut the
     * server's CPU per step by about a tenth, but 50 lock-step sessions on a 2-core machine stepped slower with it
     * (p50 20 against 14 ms, p99 no better), because two event loops then do the work fifty session threads shared
     * (benchmarks/RESULTS.md, session 20).
     */
    static volatile boolean quickOnEventLoop = Boolean.getBoolean("trapdoor.dap.quickOnEventLoop");

    private final EventLoopGroup boss = new NioEventLoopGroup(1);
    private final EventLoopGroup workers = new NioEventLoopGroup(2);
    private final Channel channel;
    private final AtomicInteger sessions = new AtomicInteger();

    private TcpServer(String host, int port, Path cwd, SourceVariablesProvider sourceVariables,
                      Supplier<AttachTarget> attachTarget, ServerLimits limits, MemoryBudget serverMemory,
                      boolean logConnections) throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ContentLengthDecoder decoder = new ContentLengthDecoder(limits.maxMessageBytes());
                        ch.pipeline().addLast(new IdleStateHandler(limits.idleTimeout().toMillis(), 0, 0,
                                        TimeUnit.MILLISECONDS), decoder,
                                new Handler(cwd, sourceVariables, attachTarget.get(), limits, decoder, sessions,
                                        serverMemory, logConnections));
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
        return start(host, port, cwd, sourceVariables, attachTarget, ServerLimits.DEFAULT, null);
    }

    public static TcpServer start(String host, int port, Path cwd, SourceVariablesProvider sourceVariables,
                                  Supplier<AttachTarget> attachTarget, ServerLimits limits)
            throws InterruptedException {
        return start(host, port, cwd, sourceVariables, attachTarget, limits, null);
    }

    /** As above; the programs of all sessions together may reserve no more linear memory than {@code serverMemory}. */
    public static TcpServer start(String host, int port, Path cwd, SourceVariablesProvider sourceVariables,
                                  Supplier<AttachTarget> attachTarget, MemoryBudget serverMemory)
            throws InterruptedException {
        return start(host, port, cwd, sourceVariables, attachTarget, ServerLimits.DEFAULT, serverMemory);
    }

    /**
     * Starts listening under {@code limits}; the programs of all sessions together may reserve no more linear memory
     * than {@code serverMemory} allows (null: no server-wide limit).
     */
    public static TcpServer start(String host, int port, Path cwd, SourceVariablesProvider sourceVariables,
                                  Supplier<AttachTarget> attachTarget, ServerLimits limits, MemoryBudget serverMemory)
            throws InterruptedException {
        return new TcpServer(host, port, cwd, sourceVariables, attachTarget, limits, serverMemory, true);
    }

    /**
     * A server for the process's own use: on loopback at a free port, with the default limits, logging nothing of its
     * connections coming and going. The in-process warm-up ({@code dev.trapdoor.dap.warm}) is its client, so that
     * the Netty pipeline (event loops, the decoder, {@link ChannelSink}) is compiled before a real server listens.
     */
    public static TcpServer startPrivate(Path cwd, SourceVariablesProvider sourceVariables)
            throws InterruptedException {
        return new TcpServer("127.0.0.1", 0, cwd, sourceVariables, () -> null, ServerLimits.DEFAULT, null, false);
    }

    /** Connections open now. */
    public int sessions() {
        return sessions.get();
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
        private final ServerLimits limits;
        private final ContentLengthDecoder decoder;
        private final AtomicInteger sessions;
        private final MemoryBudget serverMemory;
        private final boolean logConnections;
        private DapConnection connection;
        private boolean quick;
        /** Over the session limit: the first request is answered with an error, then the connection closes. */
        private boolean busy;

        Handler(Path cwd, SourceVariablesProvider sourceVariables, AttachTarget attachTarget, ServerLimits limits,
                ContentLengthDecoder decoder, AtomicInteger sessions, MemoryBudget serverMemory,
                boolean logConnections) {
            this.cwd = cwd;
            this.sourceVariables = sourceVariables;
            this.attachTarget = attachTarget;
            this.limits = limits;
            this.decoder = decoder;
            this.sessions = sessions;
            this.serverMemory = serverMemory;
            this.logConnections = logConnections;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Channel ch = ctx.channel();
            connection = new DapConnection(new ChannelSink(ch), cwd,
                    sourceVariables, attachTarget, () -> ch.close());
            connection.session().shareMemoryBudget(serverMemory);
            quick = quickOnEventLoop;
            int open = sessions.incrementAndGet();
            busy = open > limits.maxSessions();
            if (busy) {
                LOG.warning("client " + ch.remoteAddress() + " is over the limit of " + limits.maxSessions()
                        + " sessions; refusing it");
            } else if (logConnections) {
                LOG.info("client connected from " + ch.remoteAddress());
            }
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object message) {
            if (busy) {
                if (message instanceof String json) {
                    connection.refuse(json, "the server is busy: it serves at most " + limits.maxSessions()
                            + " sessions at once (trapdoor dap --max-sessions)");
                }
                connection.afterPending(() -> ctx.channel().close());
            } else if (message instanceof String json) {
                if (quick) {
                    connection.receiveQuick(json);
                } else {
                    connection.receive(json);
                }
            } else if (message instanceof ContentLengthDecoder.Oversized big) {
                connection.refuse(big.prefix(), "a message of " + big.length() + " bytes is over the server's "
                        + "limit of " + limits.maxMessageBytes() + " bytes (trapdoor dap --max-message-size)");
            } else if (message instanceof ContentLengthDecoder.BrokenFraming) {
                connection.afterPending(() -> ctx.channel().close());
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (!(event instanceof IdleStateEvent)) {
                ctx.fireUserEventTriggered(event);
                return;
            }
            String partial = decoder.partial();
            String reason;
            if (partial != null) {
                reason = "a message stopped arriving part way (no bytes for " + limits.idleTimeout().toMillis()
                        + " ms)";
                connection.refuse(partial, reason);
            } else if (!connection.initialized()) {
                reason = "no initialize request in " + limits.idleTimeout().toMillis() + " ms";
            } else {
                return;
            }
            LOG.warning("closing the connection from " + ctx.channel().remoteAddress() + ": " + reason);
            connection.afterPending(() -> ctx.channel().close());
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            // Logged before the count drops: whoever waits for no sessions then finds the line in the log.
            if (logConnections) {
                LOG.info("client " + ctx.channel().remoteAddress() + " disconnected; ending its session");
            }
            sessions.decrementAndGet();
            connection.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.warning("connection error: " + cause);
            ctx.close();
        }
    }
}
