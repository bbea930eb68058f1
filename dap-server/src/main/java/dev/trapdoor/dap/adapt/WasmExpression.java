package dev.trapdoor.dap.adapt;

import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.exec.GlobalInstance;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Values;
import dev.trapdoor.engine.model.Export;
import dev.trapdoor.engine.model.ExternKind;
import dev.trapdoor.engine.model.ValType;

import java.util.function.BinaryOperator;

/**
 * Wasm-level expressions, until the C evaluator (issue 6) takes over source-level ones. The language:
 *
 * <pre>
 *   $name  $3  local[3]        a local of the current frame, by name-section name or index
 *   $3.i32x4[2]                a lane of a v128 (shapes i8x16 i16x8 i32x4 i64x2 f32x4 f64x2), after any location
 *   $p.x  $p.0  $a[2]  $a[2].next.value   GC: a struct's field (by name-section name or index), an array's element
 *   stack[0]                   an operand-stack slot (0 = bottom)
 *   global[0]  __stack_pointer a global, by index or export name
 *   mem8[a] mem16[a] mem32[a] mem64[a] memf32[a] memf64[a]   a little-endian cell of memory 0
 *   mem32[1:a]                 the same in memory 1 (multi-memory); a is 64 bits wide in a 64-bit memory
 *   42  0x2a  -1  1.5  null    literals (integers are i32 when they fit, else i64; null is any null reference)
 *   + - * / % &amp; | ^ &lt;&lt; &gt;&gt; == != &lt; &lt;= &gt; &gt;= &amp;&amp; || ! ~ ( )
 *   LOCATION = EXPR            assignment (repl and setExpression)
 * </pre>
 *
 * Arithmetic follows C's usual conversions loosely: any float makes it f64, else any i64 makes it i64, else i32 with
 * wrap-around. Comparisons yield an i32 0 or 1.
 */
public final class WasmExpression {
    /**
     * Nesting of parentheses and unary operators the parser follows: the parser recurses, and 100,000 nested
     * parentheses must be an error, not a StackOverflowError.
     */
    static final int MAX_DEPTH = 200;
    /** No watch or condition is this long; a longer text is refused before it is parsed. */
    static final int MAX_LENGTH = 10_000;

    private final String text;
    private int pos;
    private int depth;

    private WasmExpression(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new EvalException("expression of " + text.length() + " characters is over the limit of "
                    + MAX_LENGTH);
        }
        this.text = text;
    }

    /** Evaluates an expression (an assignment writes and yields the stored value). */
    public static WasmValue evaluate(String expression, EvalContext ctx) {
        WasmExpression p = new WasmExpression(expression);
        return p.top(ctx);
    }

    /** Resolves an expression that names a location ({@code $x}, {@code mem32[0x100]}, ...). */
    public static Location location(String expression, EvalContext ctx) {
        WasmExpression p = new WasmExpression(expression);
        Location loc = p.locationOrNull(ctx);
        p.skipSpace();
        if (loc == null || !p.atEnd()) {
            throw new EvalException("'" + expression + "' does not name a local, stack slot, global or memory cell");
        }
        return loc;
    }

    public static boolean isIdentifier(String s) {
        if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_')) {
            return false;
        }
        return s.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '.');
    }

    private WasmValue top(EvalContext ctx) {
        int start = pos;
        Location target = locationOrNull(ctx);
        skipSpace();
        if (target != null && peek('=') && !peekAt(1, '=')) {
            pos++;
            WasmValue value = or(ctx);
            expectEnd();
            if (target.type() == ValType.V128) {
                if (value.type() != ValType.V128) {
                    throw new EvalException("a v128 takes a v128 value, not a " + value.type()
                            + " (set one lane with .i32x4[i] and the like)");
                }
                target.writeV128(value.slot(), value.high());
            } else {
                target.write(value.convertTo(target.type()));
            }
            return target.read();
        }
        pos = start;
        WasmValue v = or(ctx);
        expectEnd();
        return v;
    }

    private void expectEnd() {
        skipSpace();
        if (!atEnd()) {
            throw new EvalException("unexpected '" + text.substring(pos) + "' in '" + text + "'");
        }
    }

    private WasmValue or(EvalContext ctx) {
        WasmValue l = and(ctx);
        while (eat("||")) {
            WasmValue r = and(ctx);
            l = WasmValue.i32(l.truthy() || r.truthy() ? 1 : 0);
        }
        return l;
    }

    private WasmValue and(EvalContext ctx) {
        WasmValue l = compare(ctx);
        while (eat("&&")) {
            WasmValue r = compare(ctx);
            l = WasmValue.i32(l.truthy() && r.truthy() ? 1 : 0);
        }
        return l;
    }

    private WasmValue compare(EvalContext ctx) {
        WasmValue l = bits(ctx);
        for (String op : new String[] {"==", "!=", "<=", ">=", "<", ">"}) {
            if (peekOperator(op)) {
                pos += op.length();
                WasmValue r = bits(ctx);
                int c = l.isFloat() || r.isFloat() ? Double.compare(l.asDouble(), r.asDouble())
                        : Long.compare(l.asLong(), r.asLong());
                boolean result = switch (op) {
                    case "==" -> c == 0;
                    case "!=" -> c != 0;
                    case "<=" -> c <= 0;
                    case ">=" -> c >= 0;
                    case "<" -> c < 0;
                    default -> c > 0;
                };
                return WasmValue.i32(result ? 1 : 0);
            }
        }
        return l;
    }

    private WasmValue bits(EvalContext ctx) {
        WasmValue l = shift(ctx);
        for (;;) {
            if (peekOperator("&") && !peekAt(1, '&')) {
                pos++;
                l = integer(l, shift(ctx), (a, b) -> a & b);
            } else if (peekOperator("|") && !peekAt(1, '|')) {
                pos++;
                l = integer(l, shift(ctx), (a, b) -> a | b);
            } else if (eat("^")) {
                l = integer(l, shift(ctx), (a, b) -> a ^ b);
            } else {
                return l;
            }
        }
    }

    private WasmValue shift(EvalContext ctx) {
        WasmValue l = additive(ctx);
        for (;;) {
            if (eat("<<")) {
                l = integer(l, additive(ctx), (a, b) -> a << b);
            } else if (eat(">>")) {
                l = integer(l, additive(ctx), (a, b) -> a >> b);
            } else {
                return l;
            }
        }
    }

    private WasmValue additive(EvalContext ctx) {
        WasmValue l = multiplicative(ctx);
        for (;;) {
            if (eat("+")) {
                l = arithmetic(l, multiplicative(ctx), Long::sum, Double::sum);
            } else if (eat("-")) {
                l = arithmetic(l, multiplicative(ctx), (a, b) -> a - b, (a, b) -> a - b);
            } else {
                return l;
            }
        }
    }

    private WasmValue multiplicative(EvalContext ctx) {
        WasmValue l = unary(ctx);
        for (;;) {
            if (eat("*")) {
                l = arithmetic(l, unary(ctx), (a, b) -> a * b, (a, b) -> a * b);
            } else if (eat("/")) {
                WasmValue r = unary(ctx);
                checkDivisor(l, r);
                l = arithmetic(l, r, (a, b) -> a / b, (a, b) -> a / b);
            } else if (eat("%")) {
                WasmValue r = unary(ctx);
                checkDivisor(l, r);
                l = arithmetic(l, r, (a, b) -> a % b, (a, b) -> a % b);
            } else {
                return l;
            }
        }
    }

    private static void checkDivisor(WasmValue l, WasmValue r) {
        if (!l.isFloat() && !r.isFloat() && r.asLong() == 0) {
            throw new EvalException("division by zero");
        }
    }

    private WasmValue unary(EvalContext ctx) {
        if (++depth > MAX_DEPTH) {
            throw new EvalException("expression nested deeper than " + MAX_DEPTH + " levels");
        }
        try {
            return unaryNested(ctx);
        } finally {
            depth--;
        }
    }

    private WasmValue unaryNested(EvalContext ctx) {
        if (eat("-")) {
            WasmValue v = unary(ctx);
            return v.isFloat() ? WasmValue.f64(-v.asDouble()) : integer(WasmValue.i32(0), v, (a, b) -> a - b);
        }
        if (peekOperator("!") && !peekAt(1, '=')) {
            pos++;
            return WasmValue.i32(unary(ctx).truthy() ? 0 : 1);
        }
        if (eat("~")) {
            return integer(unary(ctx), WasmValue.i32(0), (a, b) -> ~a);
        }
        return primary(ctx);
    }

    private WasmValue primary(EvalContext ctx) {
        skipSpace();
        if (eat("(")) {
            WasmValue v = or(ctx);
            if (!eat(")")) {
                throw new EvalException("missing ')' in '" + text + "'");
            }
            return v;
        }
        if (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            return number();
        }
        if (atNull()) {
            pos += 4;
            return new WasmValue(ValType.EXTERNREF, Values.NULL_REF);
        }
        Location loc = locationOrNull(ctx);
        if (loc == null) {
            throw new EvalException(atEnd() ? "incomplete expression '" + text + "'"
                    : "unexpected '" + text.substring(pos) + "' in '" + text + "'");
        }
        return loc.read();
    }

    /** Whether the literal {@code null} starts here (a local named so is {@code $null}). */
    private boolean atNull() {
        int end = pos + 4;
        return text.startsWith("null", pos) && (end == text.length()
                || !(Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_' || text.charAt(end) == '.'));
    }

    private WasmValue number() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.'
                || text.charAt(pos) == '_')) {
            pos++;
        }
        String n = text.substring(start, pos);
        try {
            if (!n.startsWith("0x") && (n.contains(".") || n.contains("e"))) {
                return WasmValue.f64(Double.parseDouble(n));
            }
            long v = WasmValues.parseInteger(n);
            return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? WasmValue.i32(v) : WasmValue.i64(v);
        } catch (NumberFormatException e) {
            throw new EvalException("'" + n + "' is not a number");
        }
    }

    /** A location at the current position, or {@code null} (position unchanged) when there is none. */
    private Location locationOrNull(EvalContext ctx) {
        skipSpace();
        if (eat("$")) {
            String name = identifier();
            if (name.isEmpty()) {
                throw new EvalException("'$' must be followed by a local's name or index");
            }
            String shape = shapeSuffix(name);
            if (shape != null) {
                // $3.i32x4[1], or a v128 field: $p.pos.i32x4[1].
                return lanes(dottedLocal(name.substring(0, name.length() - shape.length() - 1), ctx), shape, ctx);
            }
            return laneSuffix(gcSuffix(dottedLocal(name, ctx), ctx), ctx);
        }
        if (atEnd() || !(Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_') || atNull()) {
            return null; // a number, an operator, the null literal: not a location
        }
        String word = identifier();
        skipSpace();
        String shape = shapeSuffix(word);
        if (shape != null) {
            Location base = named(word.substring(0, word.length() - shape.length() - 1), ctx);
            if (base != null) {
                return lanes(base, shape, ctx);
            }
        }
        if (peek('[')) {
            pos++;
            WasmValue index = or(ctx);
            if (word.startsWith("mem") && eat(":")) {
                // mem32[1:0x1000]: the memory index, then the address in it (multi-memory).
                WasmValue address = or(ctx);
                if (!eat("]")) {
                    throw new EvalException("missing ']' in '" + text + "'");
                }
                return laneSuffix(MemoryCells.cell(word, ctx.instance(), index.asLong(), address.asLong()), ctx);
            }
            if (!eat("]")) {
                throw new EvalException("missing ']' in '" + text + "'");
            }
            return laneSuffix(indexed(word, index.asLong(), ctx), ctx);
        }
        Location named = named(word, ctx);
        if (named == null) {
            throw new EvalException("'" + word + "' is not a local, an exported global or a known name");
        }
        return named;
    }

    /** {@code $name}, or {@code $obj.field.field}: a local, then fields of the structs it leads to. */
    private static Location dottedLocal(String name, EvalContext ctx) {
        int dot = name.indexOf('.');
        if (dot < 0 || hasLocal(name, ctx)) {
            return local(name, ctx);
        }
        Location loc = local(name.substring(0, dot), ctx);
        for (String field : name.substring(dot + 1).split("\\.")) {
            loc = GcPaths.field(loc, field, ctx.instance().store());
        }
        return loc;
    }

    private static boolean hasLocal(String name, EvalContext ctx) {
        DebugFrame frame = ctx.requireFrame("$" + name);
        for (int i = 0; i < frame.localCount(); i++) {
            if (name.equals(frame.localName(i))) {
                return true;
            }
        }
        return false;
    }

    /** {@code [i]} and {@code .field} steps into GC objects after a location (a lane view is left to the caller). */
    private Location gcSuffix(Location base, EvalContext ctx) {
        while (true) {
            skipSpace();
            if (peek('[') && GcPaths.isArray(base, ctx.instance().store())) {
                pos++;
                WasmValue index = or(ctx);
                if (!eat("]")) {
                    throw new EvalException("missing ']' in '" + text + "'");
                }
                base = GcPaths.element(base, index.asLong(), ctx.instance().store());
            } else if (peek('.')) {
                int save = pos;
                pos++;
                String path = identifier();
                if (V128Values.isShape(path)) {
                    pos = save;
                    return base;
                }
                for (String field : path.split("\\.")) {
                    base = GcPaths.field(base, field, ctx.instance().store());
                }
            } else {
                return base;
            }
        }
    }

    private static Location local(String name, EvalContext ctx) {
        DebugFrame frame = ctx.requireFrame("$" + name);
        if (name.chars().allMatch(Character::isDigit)) {
            return Location.local(frame, Integer.parseInt(name), ctx.instance());
        }
        for (int i = 0; i < frame.localCount(); i++) {
            if (name.equals(frame.localName(i))) {
                return Location.local(frame, i, ctx.instance());
            }
        }
        throw new EvalException("no local named $" + name + " in " + frame.functionName());
    }

    /** The lane shape ending a dotted name ({@code 3.i32x4} → {@code i32x4}), or {@code null}. */
    private static String shapeSuffix(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && V128Values.isShape(name.substring(dot + 1)) ? name.substring(dot + 1) : null;
    }

    /** {@code .i32x4[i]} after a location, if present: that lane; else the location itself. */
    private Location laneSuffix(Location base, EvalContext ctx) {
        skipSpace();
        if (!peek('.')) {
            return base;
        }
        pos++;
        String shape = identifier();
        if (!V128Values.isShape(shape)) {
            throw new EvalException("'." + shape + "' is not a lane view: use " + String.join(", ",
                    V128Values.SHAPES));
        }
        return lanes(base, shape, ctx);
    }

    /** {@code [i]} after a lane view. */
    private Location lanes(Location base, String shape, EvalContext ctx) {
        if (!eat("[")) {
            throw new EvalException("a lane view needs a lane index: ." + shape + "[i]");
        }
        WasmValue index = or(ctx);
        if (!eat("]")) {
            throw new EvalException("missing ']' in '" + text + "'");
        }
        return Location.lane(base, shape, (int) index.asLong());
    }

    private Location indexed(String word, long index, EvalContext ctx) {
        Instance instance = ctx.instance();
        return switch (word) {
            case "local" -> Location.local(ctx.requireFrame("local[]"), (int) index, instance);
            case "stack" -> Location.stack(ctx.requireFrame("stack[]"), (int) index);
            case "global" -> {
                if (index < 0 || index >= instance.module().globalTypes().size()) {
                    throw new EvalException("global " + index + " does not exist");
                }
                yield Location.global(instance.globalAt((int) index), (int) index, instance);
            }
            case "mem8", "mem16", "mem32", "mem64", "memf32", "memf64" -> MemoryCells.cell(word, instance, 0, index);
            default -> throw new EvalException("unknown '" + word + "[...]': use local, stack, global or mem8/16/32/64");
        };
    }

    /** A bare name: a local of the frame (without '$'), else an exported global. */
    private static Location named(String word, EvalContext ctx) {
        DebugFrame frame = ctx.frame();
        if (frame != null) {
            for (int i = 0; i < frame.localCount(); i++) {
                if (word.equals(frame.localName(i))) {
                    return Location.local(frame, i, ctx.instance());
                }
            }
        }
        for (Export e : ctx.instance().module().exports()) {
            if (e.kind() == ExternKind.GLOBAL && e.name().equals(word)) {
                GlobalInstance g = ctx.instance().globalAt(e.index());
                return Location.global(g, e.index(), ctx.instance());
            }
        }
        return null;
    }

    private static WasmValue arithmetic(WasmValue l, WasmValue r, BinaryOperator<Long> ints,
                                        BinaryOperator<Double> floats) {
        if (l.isFloat() || r.isFloat()) {
            return WasmValue.f64(floats.apply(l.asDouble(), r.asDouble()));
        }
        return integer(l, r, ints);
    }

    private static WasmValue integer(WasmValue l, WasmValue r, BinaryOperator<Long> op) {
        if (l.isFloat() || r.isFloat()) {
            throw new EvalException("bit operations need integers");
        }
        long v = op.apply(l.asLong(), r.asLong());
        return l.type() == ValType.I64 || r.type() == ValType.I64 ? WasmValue.i64(v) : WasmValue.i32(v);
    }

    private String identifier() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
                || text.charAt(pos) == '.')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private boolean eat(String token) {
        skipSpace();
        if (text.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private boolean peekOperator(String token) {
        skipSpace();
        return text.startsWith(token, pos);
    }

    private boolean peek(char c) {
        skipSpace();
        return pos < text.length() && text.charAt(pos) == c;
    }

    private boolean peekAt(int ahead, char c) {
        return pos + ahead < text.length() && text.charAt(pos + ahead) == c;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }
}
