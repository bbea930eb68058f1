package dev.trapdoor.engine.spec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites a module's element section so that two encodings 2.0 reads alike compare equal: a segment of function
 * indices (elemkind 0x00, flags 0-3) and a {@code funcref} segment of {@code ref.func} expressions (flags 4-7). 2.0
 * types both {@code funcref}; 3.0 types the first {@code (ref func)}, so our text encoder writes a segment declared
 * {@code funcref} as expressions while wat2wasm writes indices. Every segment becomes the explicit expression form
 * (flags 5, 6 or 7 with its reference type); every other section is left as it is. Test-only: the oracle compares
 * 2.0 scripts, where the forms are equivalent.
 */
final class ElementForms20 {
    private static final int ELEMENT_SECTION = 9;
    private static final int FUNCREF = 0x70;

    private ElementForms20() {
    }

    /** The module with its element section in the canonical form; a module it cannot read is returned unchanged. */
    static byte[] canonical(byte[] module) {
        try {
            Reader r = new Reader(module, 8);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(module, 0, 8);
            while (r.pos < module.length) {
                int id = r.u8();
                int size = r.u32();
                int start = r.pos;
                r.pos = start + size;
                byte[] payload = java.util.Arrays.copyOfRange(module, start, r.pos);
                if (id == ELEMENT_SECTION) {
                    payload = elements(payload);
                }
                out.write(id);
                leb(out, payload.length);
                out.writeBytes(payload);
            }
            return out.toByteArray();
        } catch (RuntimeException e) {
            return module;
        }
    }

    private static byte[] elements(byte[] section) {
        Reader r = new Reader(section, 0);
        int count = r.u32();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        leb(out, count);
        for (int i = 0; i < count; i++) {
            int flags = r.u32();
            boolean declarativeOrPassive = (flags & 1) != 0;
            boolean tableGiven = (flags & 2) != 0;
            boolean expressions = (flags & 4) != 0;
            int table = 0;
            byte[] offset = null;
            if (!declarativeOrPassive) {
                if (tableGiven) {
                    table = r.u32();
                }
                offset = r.expression();
            }
            byte[] type;
            if (!declarativeOrPassive && !tableGiven) {
                type = new byte[] {(byte) FUNCREF};
            } else if (expressions) {
                type = r.refType();
            } else {
                if (r.u8() != 0) {
                    throw new IllegalArgumentException("elemkind");
                }
                type = new byte[] {(byte) FUNCREF};
            }
            int n = r.u32();
            List<byte[]> items = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                items.add(expressions ? r.expression() : r.funcIndexAsExpression());
            }
            if (declarativeOrPassive) {
                leb(out, (flags & 3) | 4);
            } else {
                leb(out, 6);
                leb(out, table);
                out.writeBytes(offset);
            }
            out.writeBytes(type);
            leb(out, n);
            items.forEach(out::writeBytes);
        }
        if (r.pos != section.length) {
            throw new IllegalArgumentException("section size");
        }
        return out.toByteArray();
    }

    private static void leb(ByteArrayOutputStream out, long value) {
        do {
            int b = (int) (value & 0x7F);
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
    }

    private static final class Reader {
        final byte[] bytes;
        int pos;

        Reader(byte[] bytes, int pos) {
            this.bytes = bytes;
            this.pos = pos;
        }

        int u8() {
            return bytes[pos++] & 0xFF;
        }

        int u32() {
            int result = 0;
            for (int shift = 0; ; shift += 7) {
                int b = u8();
                result |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
        }

        /** Skips a LEB128 number, keeping its bytes as written. */
        void skipLeb() {
            while ((u8() & 0x80) != 0) {
                // continuation bytes
            }
        }

        /** A reference type: one byte, or 0x63/0x64 and a heap type. */
        byte[] refType() {
            int start = pos;
            int b = u8();
            if (b == 0x63 || b == 0x64) {
                skipLeb();
            }
            return java.util.Arrays.copyOfRange(bytes, start, pos);
        }

        byte[] funcIndexAsExpression() {
            int start = pos;
            skipLeb();
            ByteArrayOutputStream e = new ByteArrayOutputStream();
            e.write(0xD2);
            e.write(bytes, start, pos - start);
            e.write(0x0B);
            return e.toByteArray();
        }

        /** A constant expression through its {@code end}, with the immediates of the constant instructions. */
        byte[] expression() {
            int start = pos;
            while (true) {
                int op = u8();
                switch (op) {
                    case 0x0B -> {
                        return java.util.Arrays.copyOfRange(bytes, start, pos);
                    }
                    case 0x41, 0x42, 0x23, 0xD2, 0xD0 -> skipLeb();
                    case 0x43 -> pos += 4;
                    case 0x44 -> pos += 8;
                    case 0x6A, 0x6B, 0x6C, 0x7C, 0x7D, 0x7E -> {
                        // i32/i64 add, sub, mul: no immediates
                    }
                    default -> throw new IllegalArgumentException("opcode " + op);
                }
            }
        }
    }
}
