package dev.trapdoor.engine.spec;

import dev.trapdoor.engine.text.SExpr;
import dev.trapdoor.engine.text.Wat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The module of a script command, as the script wrote it: a text module, {@code binary} strings, {@code quote}
 * strings, or (from wast2json) a file. {@link #bytes} turns any of them into a binary module; text that does not
 * parse throws {@link dev.trapdoor.engine.text.TextFormatException}, which {@code assert_malformed} expects.
 */
public record WastModule(Kind kind, String wastFile, SExpr.Group text, byte[] binary, String quote, Path file) {
    public enum Kind { TEXT, BINARY, QUOTE, FILE }

    static WastModule text(String wastFile, SExpr.Group module) {
        return new WastModule(Kind.TEXT, wastFile, module, null, null, null);
    }

    static WastModule binary(String wastFile, byte[] bytes) {
        return new WastModule(Kind.BINARY, wastFile, null, bytes, null, null);
    }

    static WastModule quote(String wastFile, String text) {
        return new WastModule(Kind.QUOTE, wastFile, null, null, text, null);
    }

    static WastModule file(Path file, String moduleType) {
        return new WastModule("text".equals(moduleType) || file.toString().endsWith(".wat") ? Kind.QUOTE : Kind.FILE,
                file.getFileName().toString(), null, null, null, file);
    }

    /** Written in the text format (a text or quote module). */
    boolean isText() {
        return kind == Kind.TEXT || kind == Kind.QUOTE;
    }

    /** The binary module; a name section is added so the runs exercise it too. */
    public byte[] bytes() {
        return switch (kind) {
            case TEXT -> Wat.module(wastFile, text, true).binary();
            case BINARY -> binary;
            case QUOTE -> Wat.compile(wastFile, quote != null ? quote : read(file)).binary();
            case FILE -> {
                try {
                    yield Files.readAllBytes(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /** The bytes without a name section, to compare with what wat2wasm writes. */
    byte[] bytesWithoutNames() {
        return kind == Kind.TEXT ? Wat.module(wastFile, text, false).binary() : bytes();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
