package dev.trapdoor.dap.session;

import dev.trapdoor.dap.adapt.VariableRefs;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.DebugFrame;
import org.eclipse.lsp4j.debug.StoppedEventArguments;

import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * One stop of the program: why, the frames (valid until it resumes), and the ids handed out during it: frame ids
 * (a Wasm frame, or one of the inlined source frames inside it) and variable references.
 *
 * <p>A frame's id is its position in the stop's whole call stack plus one, whichever page it was listed in and in
 * whatever order the pages were asked for: VS Code asks for the top frame and the rest at once, and a top frame that
 * came back with another id in the second answer lost the exception widget drawn for it.
 */
public final class Stop {
    /** A DAP frame: Wasm frame {@code wasmIndex} (0 = innermost) and, in it, inlined frame {@code inlineDepth}. */
    public record FrameRef(int wasmIndex, int inlineDepth) {
    }

    private final DebugEvent event;
    private final List<DebugFrame> frames;
    private final String reason;
    private final VariableRefs refs = new VariableRefs();
    /** The frames listed so far, by id: a deep stack (a call-stack-exhausted trap) lists 100,000s of frames. */
    private final Map<Integer, FrameRef> listed = new HashMap<>();

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

    /**
     * The {@code stopped} event that tells the client of a stop; {@code text}, when there is one, is what VS Code draws
     * in its exception widget, and {@code hitIds} the breakpoints that stopped it.
     */
    static StoppedEventArguments stoppedEvent(DebugEvent event, String reason, int threadId, String text,
                                              Integer[] hitIds) {
        StoppedEventArguments e = new StoppedEventArguments();
        e.setReason(reason);
        e.setThreadId(threadId);
        e.setAllThreadsStopped(true);
        if (text != null) {
            e.setDescription(event instanceof DebugEvent.WasmException ? "Paused on Wasm exception"
                    : reason.equals("exception") ? "Paused on trap" : "Paused on " + reason);
            e.setText(text);
        }
        if (hitIds != null) {
            e.setHitBreakpointIds(hitIds);
        }
        return e;
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

    /** The Wasm exception this stop is for, or {@code null}. */
    public DebugEvent.WasmException exception() {
        return event instanceof DebugEvent.WasmException e ? e : null;
    }

    /** The trap this stop is for, or {@code null}. */
    public DebugEvent.Trap trap() {
        return event instanceof DebugEvent.Trap t ? t : null;
    }

    /** The id of the frame at {@code position} (0 = top) of this stop's call stack, which is {@code ref}. */
    public synchronized int frameId(int position, FrameRef ref) {
        int id = position + 1;
        listed.put(id, ref);
        return id;
    }

    /** @throws an error response for an id not handed out in this stop */
    public synchronized FrameRef frame(int frameId) {
        FrameRef ref = listed.get(frameId);
        if (ref == null) {
            throw Failures.failure("frame " + frameId + " is not valid (the program has moved on since it was listed)");
        }
        return ref;
    }

    /** The Wasm frame of a DAP frame id. */
    public DebugFrame wasmFrame(int frameId) {
        return frames.get(frame(frameId).wasmIndex());
    }
}
