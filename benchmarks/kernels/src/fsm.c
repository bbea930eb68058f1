/* A br_table state machine: a tokenizer over generated text, dispatching on a dense switch of states. */
#include "kernel.h"

#define TEXT_LEN 4096
static char text[TEXT_LEN];

enum { S_START, S_IDENT, S_NUMBER, S_HEX, S_STRING, S_ESCAPE, S_SLASH, S_COMMENT, S_OP };

/* Text built from an alphabet that exercises every state. */
static void make_text(void) {
    static const char alphabet[] = "abcxyz_019 \n\"\\/+-*=;(){}x0";
    uint32_t seed = 777u;
    for (int i = 0; i < TEXT_LEN; i++) {
        text[i] = alphabet[(lcg(&seed) >> 24) % (sizeof alphabet - 1)];
    }
}

static int classify(char c) {
    if ((c >= 'a' && c <= 'z') || c == '_') return 0;
    if (c >= '0' && c <= '9') return 1;
    if (c == ' ' || c == '\n') return 2;
    if (c == '"') return 3;
    if (c == '/') return 4;
    return 5;
}

KERNEL_EXPORT uint32_t run(int32_t n) {
    make_text();
    uint32_t counts[9] = {0};
    uint32_t h = CHECKSUM_SEED;
    int state = S_START;
    for (int32_t pass = 0; pass < n; pass++) {
        for (int i = 0; i < TEXT_LEN; i++) {
            char c = text[i];
            int cls = classify(c);
            switch (state) {
            case S_START:
                state = cls == 0 ? S_IDENT : cls == 1 ? (c == '0' ? S_HEX : S_NUMBER) : cls == 3 ? S_STRING
                      : cls == 4 ? S_SLASH : cls == 5 ? S_OP : S_START;
                break;
            case S_IDENT:
                if (cls > 1) { counts[S_IDENT]++; state = S_START; }
                break;
            case S_NUMBER:
                if (cls != 1) { counts[S_NUMBER]++; state = S_START; }
                break;
            case S_HEX:
                if (c == 'x') state = S_NUMBER;
                else if (cls != 1) { counts[S_HEX]++; state = S_START; }
                break;
            case S_STRING:
                if (c == '\\') state = S_ESCAPE;
                else if (c == '"') { counts[S_STRING]++; state = S_START; }
                break;
            case S_ESCAPE:
                state = S_STRING;
                break;
            case S_SLASH:
                state = c == '/' ? S_COMMENT : S_START;
                counts[S_SLASH]++;
                break;
            case S_COMMENT:
                if (c == '\n') { counts[S_COMMENT]++; state = S_START; }
                break;
            case S_OP:
                counts[S_OP]++;
                state = S_START;
                break;
            }
            counts[S_START] += (uint32_t) state;
        }
    }
    for (int i = 0; i < 9; i++) h = mix32(h, counts[i]);
    return h;
}
