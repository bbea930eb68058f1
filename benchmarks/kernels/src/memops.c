/* memmove/memset: libc's implementations (compiled into the module) on overlapping windows of varying size. */
#include "kernel.h"

#define BUF_LEN 65536
static uint8_t buf[BUF_LEN];

KERNEL_EXPORT uint32_t run(int32_t n) {
    uint32_t seed = 5u;
    for (int i = 0; i < BUF_LEN; i++) buf[i] = (uint8_t) i;
    uint32_t h = CHECKSUM_SEED;
    for (int32_t i = 0; i < n; i++) {
        uint32_t r = lcg(&seed);
        uint32_t len = 1u + (r >> 20);             /* up to 4096 bytes */
        uint32_t src = (r & 0xffffu) % (BUF_LEN - len);
        uint32_t dst = (lcg(&seed) & 0xffffu) % (BUF_LEN - len);
        memmove(buf + dst, buf + src, len);
        if ((i & 3) == 0) {
            uint32_t fill_len = len / 2u;
            memset(buf + src, (int) (r & 0xffu), fill_len);
        }
        h = mix32(h, buf[(dst + len / 2u) % BUF_LEN]);
    }
    for (int i = 0; i < BUF_LEN; i += 64) h = mix32(h, buf[i]);
    return h;
}
