package dev.trapdoor.intellij;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line a TCP server prints once it accepts connections, as an LSP4IJ "debug server ready pattern": literal text
 * with {@code ${address}} and {@code ${port}} where the values go. LSP4IJ matches it at the start of each output line
 * (an address is word characters and dots, a port digits) and connects to what it read; {@link #match} applies the
 * same rules, so a test can hold the pattern against the line the real server prints.
 */
public final class ReadyPattern {
    /** What {@code trapdoor dap --port N} and {@code trapdoor run --listen N} print: {@code listening on HOST:PORT}. */
    public static final ReadyPattern TRAPDOOR = new ReadyPattern("listening on ${address}:${port}");

    private static final String ADDRESS = "${address}";
    private static final String PORT = "${port}";

    /** Where the server said it listens. */
    public record Address(String host, int port) {
    }

    private final String text;
    private final Pattern regex;

    public ReadyPattern(String text) {
        if (!text.contains(PORT)) {
            throw new IllegalArgumentException("a ready pattern needs " + PORT + ": " + text);
        }
        this.text = text;
        this.regex = compile(text);
    }

    public String text() {
        return text;
    }

    /** The address in {@code line}, when the line is the ready line. */
    public Optional<Address> match(String line) {
        Matcher m = regex.matcher(line);
        if (!m.lookingAt()) {
            return Optional.empty();
        }
        String host = text.contains(ADDRESS) ? m.group("address") : "127.0.0.1";
        try {
            return Optional.of(new Address(host, Integer.parseInt(m.group("port"))));
        } catch (NumberFormatException e) {
            return Optional.empty(); // digits beyond an int: not a port
        }
    }

    private static Pattern compile(String text) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith(ADDRESS, i)) {
                re.append("(?<address>[\\w.]+)");
                i += ADDRESS.length();
            } else if (text.startsWith(PORT, i)) {
                re.append("(?<port>\\d+)");
                i += PORT.length();
            } else {
                int next = nextPlaceholder(text, i);
                re.append(Pattern.quote(text.substring(i, next)));
                i = next;
            }
        }
        return Pattern.compile(re.toString());
    }

    private static int nextPlaceholder(String text, int from) {
        int a = text.indexOf(ADDRESS, from);
        int p = text.indexOf(PORT, from);
        int next = text.length();
        if (a >= 0) {
            next = Math.min(next, a);
        }
        if (p >= 0) {
            next = Math.min(next, p);
        }
        return next;
    }
}
