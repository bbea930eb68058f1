/* Byte-wise memory loops: table-driven CRC-32, a byte histogram and an in-place byte reversal. */
#include "kernel.h"

#define BUF_LEN 16384
static uint8_t buf[BUF_LEN];
static uint32_t crc_table[256];

static void init_crc_table(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = (c & 1u) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

KERNEL_EXPORT uint32_t run(int32_t n) {
    init_crc_table();
    uint32_t seed = 99u;
    for (int i = 0; i < BUF_LEN; i++) buf[i] = (uint8_t) (lcg(&seed) >> 24);
    uint32_t histogram[256] = {0};
    uint32_t h = CHECKSUM_SEED;
    for (int32_t pass = 0; pass < n; pass++) {
        uint32_t crc = 0xffffffffu;
        for (int i = 0; i < BUF_LEN; i++) crc = crc_table[(crc ^ buf[i]) & 0xffu] ^ (crc >> 8);
        h = mix32(h, ~crc);
        for (int i = 0; i < BUF_LEN; i++) histogram[buf[i]]++;
        /* Reverse one window so every pass sees different bytes. */
        int lo = (pass * 131) % (BUF_LEN / 2), hi = lo + BUF_LEN / 2 - 1;
        while (lo < hi) {
            uint8_t t = buf[lo];
            buf[lo++] = buf[hi];
            buf[hi--] = t;
        }
    }
    for (int i = 0; i < 256; i++) h = mix32(h, histogram[i]);
    return h;
}
