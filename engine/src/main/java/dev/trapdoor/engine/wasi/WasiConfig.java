package dev.trapdoor.engine.wasi;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * What a WASI program is given: its arguments (the first is the program name), environment, preopened directories
 * (host directory → guest name), standard streams, and the clock and random sources. Immutable; build with
 * {@link #builder()}. Nothing of the host leaks in by default: no environment, no directories, empty stdin.
 */
public final class WasiConfig {
    /** A host directory the guest sees under {@code guestPath}. */
    public record Preopen(Path hostPath, String guestPath) {
        public Preopen {
            Objects.requireNonNull(hostPath);
            Objects.requireNonNull(guestPath);
        }
    }

    private final List<String> args;
    private final Map<String, String> env;
    private final List<Preopen> preopens;
    private final InputStream stdin;
    private final OutputStream stdout;
    private final OutputStream stderr;
    private final WasiClocks clocks;
    private final Random random;
    private final int[] stdioFiletypes;

    private WasiConfig(Builder b) {
        this.stdioFiletypes = b.stdioFiletypes.clone();
        this.args = List.copyOf(b.args);
        this.env = new LinkedHashMap<>(b.env);
        this.preopens = List.copyOf(b.preopens);
        this.stdin = b.stdin;
        this.stdout = b.stdout;
        this.stderr = b.stderr;
        this.clocks = b.clocks;
        this.random = b.random;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<String> args() {
        return args;
    }

    public Map<String, String> env() {
        return java.util.Collections.unmodifiableMap(env);
    }

    public List<Preopen> preopens() {
        return preopens;
    }

    public InputStream stdin() {
        return stdin;
    }

    public OutputStream stdout() {
        return stdout;
    }

    public OutputStream stderr() {
        return stderr;
    }

    public WasiClocks clocks() {
        return clocks;
    }

    public Random random() {
        return random;
    }

    /** The {@link Filetype} descriptor {@code fd} (0–2) reports. */
    public int stdioFiletype(int fd) {
        return stdioFiletypes[fd];
    }

    public static final class Builder {
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<Preopen> preopens = new ArrayList<>();
        private InputStream stdin = InputStream.nullInputStream();
        private OutputStream stdout = OutputStream.nullOutputStream();
        private OutputStream stderr = OutputStream.nullOutputStream();
        private WasiClocks clocks = WasiClocks.SYSTEM;
        private Random random;
        // A terminal by default: an embedder's streams are usually shown as they come, like a console.
        private final int[] stdioFiletypes = {Filetype.CHARACTER_DEVICE, Filetype.CHARACTER_DEVICE,
            Filetype.CHARACTER_DEVICE};

        private Builder() {
        }

        /** Appends arguments; the first one the guest sees is conventionally the program name. */
        public Builder args(List<String> values) {
            args.addAll(values);
            return this;
        }

        public Builder arg(String value) {
            args.add(Objects.requireNonNull(value));
            return this;
        }

        public Builder env(String name, String value) {
            if (name.isEmpty() || name.indexOf('=') >= 0) {
                throw new IllegalArgumentException("invalid environment variable name: \"" + name + "\"");
            }
            env.put(name, Objects.requireNonNull(value));
            return this;
        }

        /** Makes {@code hostPath} visible as {@code guestPath}; descriptors 3, 4, ... follow the order of calls. */
        public Builder preopen(Path hostPath, String guestPath) {
            preopens.add(new Preopen(hostPath, guestPath));
            return this;
        }

        public Builder stdin(InputStream in) {
            this.stdin = Objects.requireNonNull(in);
            return this;
        }

        public Builder stdout(OutputStream out) {
            this.stdout = Objects.requireNonNull(out);
            return this;
        }

        public Builder stderr(OutputStream err) {
            this.stderr = Objects.requireNonNull(err);
            return this;
        }

        /**
         * The {@link Filetype} descriptor {@code fd} (0, 1 or 2) reports. wasi-libc's {@code isatty} is true only for
         * {@link Filetype#CHARACTER_DEVICE}, and it line-buffers a terminal but fully buffers anything else;
         * {@link HostStdio#filetype} tells what the host's own descriptor is.
         */
        public Builder stdioFiletype(int fd, int filetype) {
            if (fd < 0 || fd > 2) {
                throw new IllegalArgumentException("not a standard stream: " + fd);
            }
            if (filetype < Filetype.UNKNOWN || filetype > Filetype.SYMBOLIC_LINK) {
                throw new IllegalArgumentException("not a WASI filetype: " + filetype);
            }
            stdioFiletypes[fd] = filetype;
            return this;
        }

        public Builder clocks(WasiClocks c) {
            this.clocks = Objects.requireNonNull(c);
            return this;
        }

        /** The source of {@code random_get}; a seeded {@link Random} makes runs repeatable. Default: SecureRandom. */
        public Builder random(Random r) {
            this.random = Objects.requireNonNull(r);
            return this;
        }

        public WasiConfig build() {
            if (random == null) {
                random = new LazySecureRandom();
            }
            return new WasiConfig(this);
        }
    }
}
