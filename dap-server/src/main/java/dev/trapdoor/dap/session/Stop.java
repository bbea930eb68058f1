package dev.trapdoor.dap.session;

import dev.trapdoor.dap.adapt.VariableRefs;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.DebugFrame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * One stop of the program: why, the frames (valid until it resumes), and the ids handed out during it: frame ids
 * (a Wasm frame, or one of the inlined source frames inside it) and variable references.
 */
public final class Stop {
    /** A DAP frame: Wasm frame {@code wasmIndex} (0 = innermost) and, in it, inlined frame {@code inlineDepth}. */
    public record FrameRef(int wasmIndex, int inlineDepth) {
    }

    private final DebugEvent event;
    private final List<DebugFrame> frames;
    private final String reason;
    private final VariableRefs refs = new VariableRefs();
    private final List<FrameRef> frameIds = new ArrayList<>();
    /** Id of each FrameRef handed out: a deep stack (a call-stack-exhausted trap) lists 100,000s of frames. */
    private final Map<FrameRef, Integer> idOf = new HashMap<>();

    private final Map<String, String> hostResult;

    public Stop(DebugEvent event, List<DebugFrame> frames, String reason) {
        this(event, frames, reason, null);
    }

    /** A stop right after a host call was stepped over, with its result decoded ({@code hostResult}). */
    public Stop(DebugEvent event, List<DebugFrame> frames, String reason, Map<String, String> hostResult) {
        this.event = event;
        this.frames = List.copyOf(frames);
        this.reason = reason;
        this.hostResult = hostResult;
    }

    /** The decoded result of the host call stepped over just before this stop, or {@code null}. */
    public Map<String, String> hostResult() {
        return hostResult;
    }

    public DebugEvent event() {
        return event;
    }

    public List<DebugFrame> frames() {
        return frames;
    }

    public String reason() {
        return reason;
    }

    public VariableRefs refs() {
        return refs;
    }

    /** The trap this stop is for, or {@code null}. */
    public DebugEvent.Trap trap() {
        return event instanceof DebugEvent.Trap t ? t : null;
    }

    public synchronized int frameId(FrameRef ref) {
        return idOf.computeIfAbsent(ref, r -> {
            frameIds.add(r);
            return frameIds.size();
        });
    }

    /** @throws an error response for an id not handed out in this stop */
    public synchronized FrameRef frame(int frameId) {
        if (frameId < 1 || frameId > frameIds.size()) {
            throw Failures.failure("frame " + frameId + " is not valid (the program has moved on since it was listed)");
        }
        return frameIds.get(frameId - 1);
    }

    /** The Wasm frame of a DAP frame id. */
    public DebugFrame wasmFrame(int frameId) {
        return frames.get(frame(frameId).wasmIndex());
    }
}
