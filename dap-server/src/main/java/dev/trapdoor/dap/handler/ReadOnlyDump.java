package dev.trapdoor.dap.handler;

import dev.trapdoor.dap.session.Failures;
import dev.trapdoor.dap.session.PostMortem;
import dev.trapdoor.dap.session.RunState;
import dev.trapdoor.dap.session.Session;
import org.eclipse.lsp4j.debug.EvaluateArguments;

import java.util.regex.Pattern;

/** Refuses what would run or change a program in a post-mortem session (a coredump is read-only). */
final class ReadOnlyDump {
    /** An assignment {@code a = b}: an {@code =} that is not part of {@code ==}, {@code !=}, {@code <=}, {@code >=}. */
    private static final Pattern ASSIGNMENT = Pattern.compile("(?<![=!<>])=(?!=)");

    private ReadOnlyDump() {
    }

    static void check(Session session, String request) {
        if (postMortem(session)) {
            throw Failures.failure(PostMortem.refusal(request));
        }
    }

    /** Evaluating is reading, except for a REPL assignment. */
    static void checkEvaluate(Session session, EvaluateArguments args) {
        String expression = args.getExpression();
        if (expression != null && ASSIGNMENT.matcher(expression).find() && postMortem(session)) {
            throw Failures.failure(PostMortem.refusal("evaluate '" + expression + "'"));
        }
    }

    private static boolean postMortem(Session session) {
        RunState state = session.state();
        if (state != RunState.LOADED && state != RunState.RUNNING && state != RunState.STOPPED) {
            return false;
        }
        var program = session.program();
        return program != null && program.postMortem() != null;
    }
}
