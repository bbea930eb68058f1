package dev.trapdoor.dap.handler;

import dev.trapdoor.dap.adapt.VariableContainer;
import dev.trapdoor.dap.session.Failures;
import dev.trapdoor.dap.session.Program;
import dev.trapdoor.dap.session.RunState;
import dev.trapdoor.dap.session.Session;
import dev.trapdoor.dap.session.Stop;
import dev.trapdoor.dap.source.FrameAt;
import dev.trapdoor.dap.source.HitCondition;
import dev.trapdoor.dap.watch.Watch;
import dev.trapdoor.dap.watch.WatchTarget;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.model.Export;
import dev.trapdoor.engine.model.ExternKind;
import dev.trapdoor.engine.model.ValType;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.DataBreakpoint;
import org.eclipse.lsp4j.debug.DataBreakpointAccessType;
import org.eclipse.lsp4j.debug.DataBreakpointInfoArguments;
import org.eclipse.lsp4j.debug.DataBreakpointInfoResponse;
import org.eclipse.lsp4j.debug.SetDataBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetDataBreakpointsResponse;
import org.eclipse.lsp4j.debug.Variable;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * {@code dataBreakpointInfo} and {@code setDataBreakpoints}: a C lvalue (a variable, a struct member, an array
 * element: anything with a home in linear memory, found through its {@code evaluateName}), an address range
 * ({@code asAddress} with {@code bytes}), or a Wasm global can be watched for writes. A value in a Wasm local has no
 * address to watch, and the answer says so. Access type {@code readWrite} also stops right after a load (or
 * {@code global.get}, or {@code memory.copy} from the range) that read the watched bytes.
 */
public final class DataBreakpointHandler {
    /** Data breakpoint ids start here, apart from the ids of the other breakpoints. */
    static final int FIRST_ID = 1_000_000;
    private static final DataBreakpointAccessType[] ACCESS = {DataBreakpointAccessType.WRITE,
            DataBreakpointAccessType.READ_WRITE};

    private final Session session;
    private int nextId = FIRST_ID;
    /** What {@code dataBreakpointInfo} called each data id it gave out (the expression a person chose). */
    private final java.util.Map<String, String> described = new java.util.HashMap<>();

    public DataBreakpointHandler(Session session) {
        this.session = session;
    }

    public DataBreakpointInfoResponse info(DataBreakpointInfoArguments args) {
        String name = args.getName() == null ? "" : args.getName().trim();
        DataBreakpointInfoResponse r = new DataBreakpointInfoResponse();
        r.setAccessTypes(ACCESS);
        r.setCanPersist(false);
        if (Boolean.TRUE.equals(args.getAsAddress())) {
            long address = address(name);
            int bytes = args.getBytes() == null ? 1 : args.getBytes();
            WatchTarget target;
            try {
                target = WatchTarget.parse(new WatchTarget.Memory(0, address, bytes).dataId());
            } catch (IllegalArgumentException e) {
                throw Failures.badArguments("dataBreakpointInfo: " + e.getMessage());
            }
            r.setDataId(target.dataId());
            r.setDescription(bytes + " bytes at 0x" + Long.toHexString(address));
            return r;
        }
        Program program = session.program();
        String expression = name;
        if (args.getVariablesReference() != null && args.getVariablesReference() > 0) {
            Variable v = child(args.getVariablesReference(), name);
            expression = v.getEvaluateName() != null ? v.getEvaluateName() : name;
        }
        Optional<long[]> home = session.state() == RunState.STOPPED
                ? session.sourceVariables().location(expression, frameAt(args.getFrameId())) : Optional.empty();
        if (home.isPresent()) {
            long[] at = home.get();
            if (at[1] > WatchTarget.MAX_BYTES) {
                r.setDescription("'" + expression + "' is " + at[1] + " bytes; a data breakpoint watches at most "
                        + WatchTarget.MAX_BYTES);
                return r;
            }
            r.setDataId(new WatchTarget.Memory(0, at[0], (int) at[1]).dataId());
            r.setDescription(expression);
            described.put(r.getDataId(), expression);
            return r;
        }
        int global = global(program.instance(), name);
        if (global >= 0) {
            r.setDataId(new WatchTarget.Global(global).dataId());
            r.setDescription(name);
            r.setCanPersist(true);
            return r;
        }
        r.setDescription("'" + expression + "' has no address in linear memory (a value in a Wasm local cannot be "
                + "watched; watch the memory it points to, or a global)");
        return r;
    }

    public SetDataBreakpointsResponse set(SetDataBreakpointsArguments args) {
        DataBreakpoint[] wanted = args.getBreakpoints() == null ? new DataBreakpoint[0] : args.getBreakpoints();
        List<Watch> watches = new ArrayList<>();
        Breakpoint[] out = new Breakpoint[wanted.length];
        Instance instance = session.state() == RunState.NEW ? null : session.program().instance();
        for (int i = 0; i < wanted.length; i++) {
            DataBreakpoint d = wanted[i];
            Breakpoint b = new Breakpoint();
            out[i] = b;
            try {
                if (d.getAccessType() == DataBreakpointAccessType.READ) {
                    throw new IllegalArgumentException("'read' data breakpoints are not supported (use 'readWrite': "
                            + "loads and writes)");
                }
                WatchTarget target = WatchTarget.parse(d.getDataId());
                IntPredicate hits = d.getHitCondition() == null || d.getHitCondition().isBlank() ? null
                        : HitCondition.parse(d.getHitCondition());
                ValType type = target instanceof WatchTarget.Global g && instance != null
                        && g.global() < instance.module().globalTypes().size()
                        ? instance.module().globalTypes().get(g.global()).type() : null;
                int id = nextId++;
                String description = described.getOrDefault(target.dataId(), describe(target, instance));
                watches.add(new Watch(id, target, description, type, d.getCondition(), hits,
                        d.getAccessType() == DataBreakpointAccessType.READ_WRITE));
                b.setId(id);
                b.setVerified(true);
            } catch (IllegalArgumentException e) {
                b.setVerified(false);
                b.setMessage(e.getMessage());
            }
        }
        session.dataWatches().set(watches);
        SetDataBreakpointsResponse r = new SetDataBreakpointsResponse();
        r.setBreakpoints(out);
        return r;
    }

    private static String describe(WatchTarget target, Instance instance) {
        if (target instanceof WatchTarget.Memory m) {
            return m.size() + " bytes at 0x" + Long.toHexString(m.address());
        }
        int g = ((WatchTarget.Global) target).global();
        if (instance != null) {
            for (Export e : instance.module().exports()) {
                if (e.kind() == ExternKind.GLOBAL && e.index() == g) {
                    return "global " + e.name();
                }
            }
        }
        return "global[" + g + "]";
    }

    private Variable child(int reference, String name) {
        Stop stop = session.stop();
        VariableContainer container = stop.refs().get(reference);
        if (container == null) {
            throw Failures.failure("dataBreakpointInfo: variables reference " + reference + " is not valid");
        }
        for (Variable v : container.children(stop.refs(), false)) {
            if (v.getName().equals(name)) {
                return v;
            }
        }
        throw Failures.failure("dataBreakpointInfo: no variable '" + name + "' there");
    }

    private FrameAt frameAt(Integer frameId) {
        Stop stop = session.stop();
        Stop.FrameRef ref = frameId == null ? new Stop.FrameRef(0, 0) : stop.frame(frameId);
        Program program = session.program();
        return new FrameAt(stop.frames().get(ref.wasmIndex()), ref.inlineDepth(), program.instance(),
                program.sourceMap());
    }

    /** A global named as the "Wasm Globals" scope names it ({@code global[3]}, or its export name), or -1. */
    private static int global(Instance instance, String name) {
        int count = instance.module().globalTypes().size();
        if (name.startsWith("global[") && name.endsWith("]")) {
            try {
                int i = Integer.parseInt(name.substring(7, name.length() - 1));
                return i >= 0 && i < count ? i : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        for (Export e : instance.module().exports()) {
            if (e.kind() == ExternKind.GLOBAL && e.name().equals(name)) {
                return e.index();
            }
        }
        return -1;
    }

    private static long address(String text) {
        try {
            String t = text.toLowerCase();
            return t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw Failures.badArguments("dataBreakpointInfo: '" + text + "' is not an address (decimal or 0x hex)");
        }
    }
}
