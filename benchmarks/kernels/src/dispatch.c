/* call_indirect-heavy: a tiny bytecode VM whose handlers are reached through a function-pointer table. */
#include "kernel.h"

typedef uint32_t (*handler)(uint32_t acc, uint32_t arg);

static uint32_t op_add(uint32_t a, uint32_t b) { return a + b; }
static uint32_t op_sub(uint32_t a, uint32_t b) { return a - b; }
static uint32_t op_mul(uint32_t a, uint32_t b) { return a * (b | 1u); }
static uint32_t op_xor(uint32_t a, uint32_t b) { return a ^ b; }
static uint32_t op_rotl(uint32_t a, uint32_t b) { b &= 31u; return (a << b) | (a >> ((32u - b) & 31u)); }
static uint32_t op_shr(uint32_t a, uint32_t b) { return a >> (b & 7u); }
static uint32_t op_and(uint32_t a, uint32_t b) { return a & (b | 0xff00ff00u); }
static uint32_t op_or(uint32_t a, uint32_t b) { return a | (b & 0x00010001u); }

/* Volatile so the optimiser cannot see through the table and devirtualise the calls. */
static handler volatile table[8] = {op_add, op_sub, op_mul, op_xor, op_rotl, op_shr, op_and, op_or};

#define PROGRAM_LEN 256
static uint8_t opcodes[PROGRAM_LEN];
static uint32_t args[PROGRAM_LEN];

KERNEL_EXPORT uint32_t run(int32_t n) {
    uint32_t seed = 12345u;
    for (int i = 0; i < PROGRAM_LEN; i++) {
        opcodes[i] = (uint8_t) (lcg(&seed) >> 29);
        args[i] = lcg(&seed);
    }
    uint32_t acc = 1u;
    uint32_t h = CHECKSUM_SEED;
    for (int32_t i = 0; i < n; i++) {
        int pc = i & (PROGRAM_LEN - 1);
        acc = table[opcodes[pc]](acc, args[pc]);
        if (pc == PROGRAM_LEN - 1) {
            h = mix32(h, acc);
        }
    }
    return mix32(h, acc);
}
