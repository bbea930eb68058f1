package dev.trapdoor.dap.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;

import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP connection's outgoing side. The session thread frames each message straight into a pooled direct buffer and
 * queues it; one task on the channel's event loop writes everything queued by then and flushes once. A
 * {@code writeAndFlush} per message from the session thread cost a cross-thread task, a selector wake-up and a write
 * syscall each, and three copies of the text (String, UTF-8 array, heap-to-direct); messages that come together (a
 * response and the events it causes) now share one task and one {@code writev}.
 *
 * <p>Order is the queue's: messages reach the socket in the order they were written. Nothing is left unflushed: a
 * message queued after a drain took the queue schedules another drain.
 */
final class ChannelSink implements FrameSink {
    private final Channel channel;
    private final Queue<ByteBuf> queued = new ConcurrentLinkedQueue<>();
    /** A drain is scheduled and has not yet started taking from the queue. */
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable drain = this::drain;

    ChannelSink(Channel channel) {
        this.channel = channel;
    }

    @Override
    public void write(byte[] frame) {
        enqueue(Unpooled.wrappedBuffer(frame));
    }

    @Override
    public void writeMessage(CharSequence json) {
        int length = ByteBufUtil.utf8Bytes(json);
        String header = "Content-Length: " + length + "\r\n\r\n";
        ByteBuf frame = channel.alloc().ioBuffer(header.length() + length);
        try {
            frame.writeCharSequence(header, StandardCharsets.US_ASCII);
            ByteBufUtil.reserveAndWriteUtf8(frame, json, length);
        } catch (RuntimeException e) {
            frame.release();
            throw e;
        }
        enqueue(frame);
    }

    private void enqueue(ByteBuf frame) {
        queued.add(frame);
        if (scheduled.compareAndSet(false, true)) {
            try {
                channel.eventLoop().execute(drain);
            } catch (RejectedExecutionException shutDown) {
                // The server is closing: nothing will be sent, so nothing may stay held.
                releaseQueued();
            }
        }
    }

    private void drain() {
        // Cleared before taking: a message queued from here on schedules a drain of its own.
        scheduled.set(false);
        boolean any = false;
        for (ByteBuf frame; (frame = queued.poll()) != null; ) {
            channel.write(frame, channel.voidPromise());
            any = true;
        }
        if (any) {
            channel.flush();
        }
    }

    private void releaseQueued() {
        for (ByteBuf frame; (frame = queued.poll()) != null; ) {
            frame.release();
        }
    }
}
