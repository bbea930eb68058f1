package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.compile.PairedChecks;
import dev.trapdoor.engine.compile.TypedCalls;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Bare call handlers ({@code compile.Sites#bareCallsEnabled}): a typed entry compiled with no debugger, whose
 * function has no {@code try}, gives its direct typed calls a handler that adds the frame's function and offset to
 * what unwinds and keeps none of its values, so C2 need not keep values dead after the call alive across it.
 *
 * <p>Why nothing needs those values:
 * <ul>
 *   <li>a trap lists frames by function and offset only ({@link JitUnwind#add}); a debugger's trap event that wants
 *       values ({@link JitUnwind#captured}) can only come from a debugger that attached after the code was
 *       compiled, and gets this frame's slots as the value stack holds them (shown, never run);</li>
 *   <li>a Wasm exception through such a frame: it cannot catch, so the frame only unwinds, whether the exception is
 *       caught below it or the invocation moves into the interpreter (which unwinds the rebuilt frame without running
 *       it);</li>
 *   <li>a debug stop above such a frame would move it into the interpreter to resume it there, which needs its
 *       values: so a stop with one of these frames on the JVM stack is deferred ({@link #onStack}) until the frame
 *       has returned. Only a debugger that attached while such a frame was active can meet one: attaching drops the
 *       code (it is {@code liveOnly}), so no new such frame starts.</li>
 * </ul>
 */
final class BareCalls {
    private BareCalls() {
    }

    /** The generated classes whose typed entry has bare call sites (weakly: they unload with their module). */
    private static final Set<Class<?>> CLASSES = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    private static final StackWalker WALKER = StackWalker.getInstance(java.util.Set.of(
            StackWalker.Option.RETAIN_CLASS_REFERENCE, StackWalker.Option.SHOW_HIDDEN_FRAMES));

    static void register(Class<?> typedEntryClass) {
        CLASSES.add(typedEntryClass);
    }

    /**
     * Whether a frame of code with bare call sites is on this thread's JVM stack: a debug stop cannot move it into
     * the interpreter. Walks the stack, so only stops and pending pauses (not the normal path) ask.
     */
    static boolean onStack() {
        if (CLASSES.isEmpty()) {
            return false;
        }
        return WALKER.walk(BareCalls::anyBare);
    }

    /**
     * Only the typed entry has bare sites (the class's chunks keep full handlers), and a typed entry's frame that left
     * at a poll ({@link JitRt#exitTyped}, through the helper {@code x} or not: its values went to the value stack
     * there, and its chunks go on with them) waits for nothing but the result: it does not count. With
     * {@code compile.PairedChecks} the body runs in a copy that the entry {@code t} called, one Wasm frame in two
     * JVM frames: the {@code t} right below a copy that left counts no more than the copy.
     */
    private static boolean anyBare(java.util.stream.Stream<StackWalker.StackFrame> frames) {
        boolean inExit = false;
        Class<?> leftCopy = null;
        for (java.util.Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext(); ) {
            StackWalker.StackFrame f = it.next();
            String method = f.getMethodName();
            Class<?> c = f.getDeclaringClass();
            if (leftCopy == c && method.equals(TypedCalls.METHOD)) {
                leftCopy = null;
                continue;
            }
            leftCopy = null;
            if (!inExit && PairedChecks.isTypedBody(method) && CLASSES.contains(c)) {
                return true;
            }
            if (inExit && !method.equals(TypedCalls.METHOD) && PairedChecks.isTypedBody(method)) {
                leftCopy = c;
            }
            // The exit runs out of line in the class's helper ({@code compile.TypedExit}) or inline.
            inExit = c == JitRt.class && method.equals(EXIT)
                    || inExit && method.equals(EXIT_HELPER) && CLASSES.contains(c);
        }
        return false;
    }

    private static final String EXIT = "exitTyped";
    private static final String EXIT_HELPER = "x";

    /**
     * A bare call site's handler: {@code t} came out of the call at site {@code site}. Returns what to throw on, as
     * {@link JitRt#trap} makes it (the frame added); a frame copy it captures for a waiting debugger holds the value
     * stack's slots, since this frame keeps its values in JVM locals the handler does not read.
     */
    static Throwable unwind(Throwable t, int site, JitContext c, int fp) {
        return JitRt.trap(t, 0L, site, c, fp);
    }
}
