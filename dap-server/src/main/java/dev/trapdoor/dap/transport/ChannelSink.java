package dev.trapdoor.dap.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP connection's outgoing side. The session thread queues each framed message; one task on the channel's event
 * loop copies everything queued by then into one direct buffer, from the event loop's own pool, and writes and
 * flushes it once. A {@code writeAndFlush} per message from the session thread cost a cross-thread task, a heap
 * buffer that Netty then copied into a direct one, and a write syscall each; messages that come together (a response
 * and the events it causes) now share one task, one buffer and one write.
 *
 * <p>Order is the queue's: messages reach the socket in the order they were written. Nothing is left unflushed: a
 * message queued after a drain started taking from the queue schedules a drain of its own. A message written on the
 * channel's own event loop (a quick request handled where it was read, see {@link DapConnection#receiveQuick}) is
 * drained there and then, with no task.
 *
 * <p>By default the sink queues {@link Frames#frame}'s arrays and a drain copies them into one buffer. With
 * {@link #directFrames} ({@code -Dtrapdoor.dap.directFrames=true}) a message's JSON is framed by the writing thread
 * into a pooled direct buffer ({@link FrameBytes}), and a drain hands those buffers to the channel as they are, one
 * flush for all (one gathering write); the event loop copies nothing. That saved Netty's threads some CPU but not the
 * server's, and the step p99 under 50 sessions was no better with it (benchmarks/RESULTS.md, session 27), so it is
 * opt-in.
 */
final class ChannelSink implements FrameSink {
    /** Whether messages are framed into pooled buffers by the writing thread; read when a connection opens. */
    static volatile boolean directFrames = "true".equals(System.getProperty("trapdoor.dap.directFrames"));

    private final Channel channel;
    private final boolean direct;
    /** {@code byte[]} frames, or with {@link #direct} {@link ByteBuf}s this sink owns until they are written. */
    private final Queue<Object> queued = new ConcurrentLinkedQueue<>();
    /** A drain is scheduled and has not yet started taking from the queue. */
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable drain = this::drain;
    /** The frames one drain takes: used only on the event loop. */
    private final List<byte[]> batch = new ArrayList<>();

    ChannelSink(Channel channel) {
        this(channel, directFrames);
    }

    ChannelSink(Channel channel, boolean direct) {
        this.channel = channel;
        this.direct = direct;
    }

    @Override
    public void write(byte[] frame) {
        queue(direct ? Unpooled.wrappedBuffer(frame) : frame);
    }

    @Override
    public void writeJson(CharSequence json) {
        if (direct) {
            queue(FrameBytes.frame(json, channel.alloc()));
        } else {
            write(Frames.frame(json.toString()));
        }
    }

    private void queue(Object frame) {
        queued.add(frame);
        if (channel.eventLoop().inEventLoop()) {
            // A request handled where it was read: written now, with whatever other threads queued before it.
            drain();
        } else if (scheduled.compareAndSet(false, true)) {
            try {
                channel.eventLoop().execute(drain);
            } catch (RejectedExecutionException shutDown) {
                // the server is closing: nothing more is sent
                for (Object left; (left = queued.poll()) != null; ) {
                    ReferenceCountUtil.release(left);
                }
            }
        }
    }

    private void drain() {
        // Cleared before taking: a frame queued from here on schedules a drain of its own. A drain run inline
        // (above) may clear another's flag early; that costs at most one extra, empty drain.
        scheduled.set(false);
        if (direct) {
            drainBuffers();
            return;
        }
        int bytes = 0;
        for (Object queuedFrame; (queuedFrame = queued.poll()) != null; ) {
            byte[] frame = (byte[]) queuedFrame;
            batch.add(frame);
            bytes += frame.length;
        }
        if (batch.isEmpty()) {
            return;
        }
        if (channel.isActive()) {
            ByteBuf out = channel.alloc().ioBuffer(bytes);
            for (byte[] frame : batch) {
                out.writeBytes(frame);
            }
            channel.writeAndFlush(out, channel.voidPromise());
        }
        batch.clear();
    }

    /** Each framed buffer written as it is (the channel releases it), one flush for all of them. */
    private void drainBuffers() {
        boolean active = channel.isActive();
        boolean any = false;
        for (Object frame; (frame = queued.poll()) != null; ) {
            if (active) {
                channel.write(frame, channel.voidPromise());
                any = true;
            } else {
                ReferenceCountUtil.release(frame);
            }
        }
        if (any) {
            channel.flush();
        }
    }
}
