package dev.trapdoor.dap.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

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
 */
final class ChannelSink implements FrameSink {
    private final Channel channel;
    private final Queue<byte[]> queued = new ConcurrentLinkedQueue<>();
    /** A drain is scheduled and has not yet started taking from the queue. */
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable drain = this::drain;
    /** The frames one drain takes: used only on the event loop. */
    private final List<byte[]> batch = new ArrayList<>();

    ChannelSink(Channel channel) {
        this.channel = channel;
    }

    @Override
    public void write(byte[] frame) {
        queued.add(frame);
        if (channel.eventLoop().inEventLoop()) {
            // A request handled where it was read: written now, with whatever other threads queued before it.
            drain();
        } else if (scheduled.compareAndSet(false, true)) {
            try {
                channel.eventLoop().execute(drain);
            } catch (RejectedExecutionException shutDown) {
                queued.clear(); // the server is closing: nothing more is sent
            }
        }
    }

    private void drain() {
        // Cleared before taking: a frame queued from here on schedules a drain of its own. A drain run inline
        // (above) may clear another's flag early; that costs at most one extra, empty drain.
        scheduled.set(false);
        int bytes = 0;
        for (byte[] frame; (frame = queued.poll()) != null; ) {
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
}
