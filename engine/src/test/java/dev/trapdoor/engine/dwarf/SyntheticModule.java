package dev.trapdoor.engine.dwarf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a large module with DWARF 4 of known content, for measuring lazy parsing without committing a huge fixture.
 * Function {@code k} is named {@code f<k>} and its row {@code j} (0-9) is line {@code 10k+1+j} at low_pc + 8j.
 */
final class SyntheticModule {
    static final int NOPS = 200;
    static final int ROW_STRIDE = 8;
    static final int ROWS = 10;

    private SyntheticModule() {
    }

    static byte[] build(int functions) {
        Out module = new Out();
        module.bytes(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);
        module.section(1, new Out().uleb(1).bytes(0x60, 0, 0));
        Out funcs = new Out().uleb(functions);
        for (int k = 0; k < functions; k++) {
            funcs.uleb(0);
        }
        module.section(3, funcs);
        Out code = new Out().uleb(functions);
        int bodySize = 1 + NOPS + 1;
        long[] lowPcs = new long[functions];
        for (int k = 0; k < functions; k++) {
            code.uleb(bodySize);
            lowPcs[k] = code.size();
            code.uleb(0);
            for (int i = 0; i < NOPS; i++) {
                code.bytes(0x01);
            }
            code.bytes(0x0b);
        }
        long codeSize = code.size();
        module.section(10, code);

        Out abbrev = new Out();
        abbrev.uleb(1).uleb(0x11).bytes(1).uleb(0x03).uleb(0x08).uleb(0x1b).uleb(0x08).uleb(0x10).uleb(0x17)
                .uleb(0x11).uleb(0x01).uleb(0x12).uleb(0x06).uleb(0).uleb(0);
        abbrev.uleb(2).uleb(0x2e).bytes(0).uleb(0x11).uleb(0x01).uleb(0x12).uleb(0x06).uleb(0x03).uleb(0x0e)
                .uleb(0).uleb(0);
        abbrev.uleb(0);

        Out str = new Out();
        Out dies = new Out();
        dies.uleb(1).cString("big.c").cString("/synthetic").u32(0).u32(lowPcs[0]).u32(codeSize - lowPcs[0]);
        for (int k = 0; k < functions; k++) {
            dies.uleb(2).u32(lowPcs[k]).u32(bodySize).u32(str.size());
            str.cString("f" + k);
        }
        dies.bytes(0);
        Out info = new Out().u32(2 + 4 + 1 + dies.size()).u16(4).u32(0).bytes(4).append(dies);

        Out header = new Out().bytes(1, 1, 1, -5 & 0xff, 14, 13).bytes(0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1)
                .bytes(0).cString("big.c").uleb(0).uleb(0).uleb(0).bytes(0);
        Out program = new Out();
        int special = (1 - -5) + 14 * ROW_STRIDE + 13;
        for (int k = 0; k < functions; k++) {
            program.bytes(0, 5, 2).u32(lowPcs[k]);
            program.bytes(3).sleb(10L * k).bytes(1);
            for (int j = 1; j < ROWS; j++) {
                program.bytes(special);
            }
            program.bytes(2).uleb(bodySize - ROW_STRIDE * (ROWS - 1));
            program.bytes(0, 1, 1);
        }
        Out line = new Out().u32(2 + 4 + header.size() + program.size()).u16(4).u32(header.size())
                .append(header).append(program);

        module.custom(".debug_abbrev", abbrev);
        module.custom(".debug_info", info);
        module.custom(".debug_str", str);
        module.custom(".debug_line", line);
        return module.toByteArray();
    }

    /** Low_pc of function {@code k}: the same arithmetic as the writer, for the test's expectations. */
    static long lowPc(int functions, int k) {
        int bodySize = 1 + NOPS + 1;
        return Out.ulebLength(functions) + (long) k * (Out.ulebLength(bodySize) + bodySize)
                + Out.ulebLength(bodySize);
    }

    private static final class Out extends ByteArrayOutputStream {
        Out bytes(int... values) {
            for (int v : values) {
                write(v);
            }
            return this;
        }

        Out uleb(long v) {
            do {
                int b = (int) (v & 0x7f);
                v >>>= 7;
                write(v != 0 ? b | 0x80 : b);
            } while (v != 0);
            return this;
        }

        Out sleb(long v) {
            while (true) {
                int b = (int) (v & 0x7f);
                v >>= 7;
                boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
                write(done ? b : b | 0x80);
                if (done) {
                    return this;
                }
            }
        }

        Out u16(int v) {
            return bytes(v & 0xff, (v >>> 8) & 0xff);
        }

        Out u32(long v) {
            return bytes((int) (v & 0xff), (int) ((v >>> 8) & 0xff), (int) ((v >>> 16) & 0xff),
                    (int) ((v >>> 24) & 0xff));
        }

        Out cString(String s) {
            writeBytes(s.getBytes(StandardCharsets.UTF_8));
            write(0);
            return this;
        }

        Out append(Out other) {
            writeBytes(other.toByteArray());
            return this;
        }

        void section(int id, Out payload) {
            write(id);
            uleb(payload.size());
            append(payload);
        }

        void custom(String name, Out payload) {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            Out p = new Out().uleb(n.length);
            p.writeBytes(n);
            p.append(payload);
            section(0, p);
        }

        static int ulebLength(long v) {
            int n = 1;
            while ((v >>>= 7) != 0) {
                n++;
            }
            return n;
        }
    }
}
