package dev.trapdoor.dap.session;

import dev.trapdoor.engine.coredump.CoreDebugFrame;
import dev.trapdoor.engine.coredump.Coredump;
import dev.trapdoor.engine.coredump.CoredumpCapture;
import dev.trapdoor.engine.coredump.CoredumpRestore;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.debug.DebugTerminated;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.error.WasmException;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A post-mortem session: the program's instance holds the coredump's memories and globals, and the only stop is the
 * dump's, with its frames. Nothing runs: requests that would run or change the program are refused
 * ({@link #refusal}), and the stop lasts until the client terminates.
 */
public final class PostMortem {
    /** The entry of a post-mortem program, which is never run. */
    static final Program.Entry NO_ENTRY = () -> {
        throw new IllegalStateException("a coredump does not run");
    };

    private final Path file;
    private final Coredump dump;
    private final List<DebugFrame> frames;
    private final DebugEvent event;
    private final String text;

    private PostMortem(Path file, Coredump dump, Instance instance) {
        this.file = file;
        this.dump = dump;
        this.frames = CoreDebugFrame.of(dump, instance);
        TrapKind kind = kind(dump);
        if (kind != null) {
            String detail = dump.trap().detail();
            int top = frames.isEmpty() ? -1 : frames.get(0).moduleOffset();
            event = new DebugEvent.Trap(kind, detail.isEmpty() ? new TrapDetail.None() : new TrapDetail.Text(detail),
                    frames.isEmpty() ? -1 : frames.get(0).funcIndex(), top);
            text = kind.message() + (detail.isEmpty() ? "" : ": " + detail);
        } else {
            event = new DebugEvent.Pause();
            text = "coredump " + file.getFileName() + " (it does not say why the program stopped)";
        }
    }

    private static TrapKind kind(Coredump dump) {
        if (dump.trap() == null) {
            return null;
        }
        try {
            return TrapKind.valueOf(dump.trap().kind());
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /** Reads the launch's coredump and restores it into the program's fresh instance; errors name the file. */
    static PostMortem open(LaunchConfig config, Instance instance) {
        Path file = config.coredump();
        Coredump dump;
        try {
            dump = CoredumpFiles.read(file);
        } catch (IOException e) {
            throw Failures.failure("launch: 'coredump': cannot read " + file + ": " + BoundedFiles.reason(e));
        } catch (WasmException e) {
            throw Failures.failure("launch: 'coredump': " + file + ": " + e.getMessage());
        }
        try {
            CoredumpRestore.restore(dump, instance);
        } catch (WasmException e) {
            throw Failures.failure("launch: 'coredump': " + file + " does not fit " + config.program() + ": "
                    + e.getMessage());
        }
        return new PostMortem(file, dump, instance);
    }

    /** On the engine thread: shows the dump's stop until the client terminates. */
    int run(DebugSession session) {
        session.events().output("console", "trapdoor: post-mortem debugging of " + file + " (" + frames.size()
                + " frames, taken by " + dump.processName() + "); it is read-only and cannot run\n");
        for (;;) {
            Resume r = session.postMortemStop(event, frames, text);
            if (r.kind() == Resume.Kind.TERMINATE) {
                throw new DebugTerminated();
            }
        }
    }

    /** Why {@code request} cannot be done on a coredump. */
    public static String refusal(String request) {
        return request + ": this is a coredump (post-mortem debugging): nothing can run or be changed";
    }

    /** Writes a coredump of the program at a trap event, for the launch option {@code coredumpOnTrap}. */
    static void writeOnTrap(LaunchConfig config, Program program, DebugEvent.Trap trap, List<DebugFrame> frames,
                            ClientEvents events) {
        Path file = config.coredumpOnTrap();
        try {
            CoredumpFiles.write(file, CoredumpCapture.capture(config.program().getFileName().toString(),
                    program.instance(), trap, frames));
            events.output("console", "trapdoor: coredump written to " + file + "\n");
        } catch (IOException e) {
            events.output("important", "trapdoor: cannot write the coredump to " + file + ": "
                    + BoundedFiles.reason(e) + "\n");
        }
    }
}
