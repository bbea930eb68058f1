/*
 * One big function whose hot work is spread over all of it: a register VM's interpreter loop over a switch of 128
 * opcodes, each handler a few dozen operations (the shape of Lua's luaV_execute). Built twice from this source:
 * by default every handler is inlined into run()'s switch (one function of about ten chunks at the compiled tier's
 * default budget); with -DBIGVM_SPLIT run()'s loop switches on the opcode's top four bits and calls one of sixteen
 * group functions, each a switch over eight of the same inlined handlers, so that every function fits one chunk
 * (a switch of 128 calls would not). Both variants run the same handlers on the same memory in the same order, so
 * they compute the same checksum.
 */
#include "kernel.h"

#define HANDLER static inline __attribute__((always_inline)) uint32_t

#define NREGS 16
#define PROGRAM_LEN 256
static uint32_t regs[NREGS];
static uint32_t program[PROGRAM_LEN];

static inline uint32_t rotl(uint32_t x, uint32_t r) {
    r &= 31u;
    return (x << r) | (x >> ((32u - r) & 31u));
}

/*
 * Handler k: reads two registers named by the instruction, runs a k-specific mix (the constants and shifts fold per
 * k, so no two handlers are the same code), writes a third and returns a value the loop folds. Which of the four
 * shapes a handler takes is fixed by k, so it is also folded at compile time.
 */
#define DEF(k) \
    HANDLER op_##k(uint32_t ins) { \
        uint32_t a = regs[(ins >> 7) & 15u], b = regs[(ins >> 11) & 15u], c = regs[(ins >> 15) & 15u]; \
        uint32_t x = a * (0x9E3779B1u + 2u * (k)) + (b ^ (0x7F4A7C15u * ((k) + 1u))); \
        x = rotl(x, (k) % 29u + 1u) ^ (c + (k) * 0x85EBCA6Bu); \
        x = x * 0xC2B2AE35u + (ins >> 19); \
        if (((k) & 3u) == 0u) { \
            x ^= x >> ((k) % 13u + 3u); \
            if (x & 1u) x += b * 3u; else x -= c; \
        } else if (((k) & 3u) == 1u) { \
            x = (x >> 16) | (x << 16); \
            x += (a < b) ? a : b; \
        } else if (((k) & 3u) == 2u) { \
            x = rotl(x ^ a, b) + (k); \
            x ^= x >> 7; \
        } else { \
            x = x * 31u + (c >> ((k) % 7u)); \
            x -= (x >> 11) ^ 0x27D4EB2Fu; \
        } \
        x ^= x >> 15; \
        x *= 0x2C1B3C6Du + (k); \
        x ^= x >> 12; \
        regs[(ins >> 23) & 15u] = x; \
        regs[((k) + (ins >> 27)) & 15u] ^= a + (k); \
        return x; \
    }

/* Sixteen at a time, named by two hex digits (op_0x00 .. op_0x7f): the number has to be one token to paste. */
#define EACH16(M, h) M(0x##h##0) M(0x##h##1) M(0x##h##2) M(0x##h##3) M(0x##h##4) M(0x##h##5) M(0x##h##6) \
    M(0x##h##7) M(0x##h##8) M(0x##h##9) M(0x##h##a) M(0x##h##b) M(0x##h##c) M(0x##h##d) M(0x##h##e) M(0x##h##f)
#define EACH128(M) EACH16(M, 0) EACH16(M, 1) EACH16(M, 2) EACH16(M, 3) EACH16(M, 4) EACH16(M, 5) EACH16(M, 6) \
    EACH16(M, 7)
EACH128(DEF)

#define CASE(k) case k: acc += op_##k(ins); break;

#ifdef BIGVM_SPLIT
#define RCASE(k) case k: return op_##k(ins);
#define GROUP(h, half, l0, l1, l2, l3, l4, l5, l6, l7) \
    static __attribute__((noinline)) uint32_t group_##h##half(uint32_t ins) { \
        switch (ins & 127u) { \
            RCASE(0x##h##l0) RCASE(0x##h##l1) RCASE(0x##h##l2) RCASE(0x##h##l3) \
            RCASE(0x##h##l4) RCASE(0x##h##l5) RCASE(0x##h##l6) RCASE(0x##h##l7) \
        } \
        __builtin_unreachable(); \
    }
#define GROUPS(h) GROUP(h, lo, 0, 1, 2, 3, 4, 5, 6, 7) GROUP(h, hi, 8, 9, a, b, c, d, e, f)
GROUPS(0) GROUPS(1) GROUPS(2) GROUPS(3) GROUPS(4) GROUPS(5) GROUPS(6) GROUPS(7)
#define GCASE(h) \
    case (0x##h##0 >> 3): acc += group_##h##lo(ins); break; \
    case (0x##h##8 >> 3): acc += group_##h##hi(ins); break;
#endif

KERNEL_EXPORT uint32_t run(int32_t n) {
    uint32_t seed = 4242u;
    for (int i = 0; i < PROGRAM_LEN; i++) program[i] = lcg(&seed);
    for (int i = 0; i < NREGS; i++) regs[i] = lcg(&seed);
    uint32_t acc = 0u;
    uint32_t h = CHECKSUM_SEED;
    uint32_t pc = 0u;
    for (int32_t step = 0; step < n; step++) {
        uint32_t ins = program[pc];
#ifdef BIGVM_SPLIT
        switch ((ins & 127u) >> 3) {
            GCASE(0) GCASE(1) GCASE(2) GCASE(3) GCASE(4) GCASE(5) GCASE(6) GCASE(7)
        }
#else
        switch (ins & 127u) {
            EACH128(CASE)
        }
#endif
        /* A taken "branch" now and then, so the VM does not walk the program in order. */
        pc = (pc + 1u + ((acc >> 29) == 5u ? (acc & 63u) : 0u)) & (PROGRAM_LEN - 1u);
        if (pc == 0u) h = mix32(h, acc);
    }
    for (int i = 0; i < NREGS; i++) h = mix32(h, regs[i]);
    return mix32(h, acc);
}
