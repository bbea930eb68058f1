// A runaway allocator: malloc 64 KiB blocks until malloc fails (or LIMIT MiB, argv[1], are allocated), writing one
// byte per 4 KiB page of each block, then prints how many MiB it got. wasi-libc's dlmalloc extends its heap with
// memory.grow, about one page per block: the growth pattern of a real program, thousands of small grows.
#include <stdio.h>
#include <stdlib.h>

#define BLOCK (64 * 1024)

int main(int argc, char **argv) {
    unsigned long limit_mib = argc > 1 ? strtoul(argv[1], NULL, 10) : 4096;
    unsigned long blocks = 0;
    unsigned checksum = 0;
    while (blocks * BLOCK / (1024 * 1024) < limit_mib) {
        // volatile: the compiler may not drop stores into memory that is never read again.
        volatile unsigned char *p = malloc(BLOCK);
        if (p == NULL) {
            break;
        }
        for (int i = 0; i < BLOCK; i += 4096) {
            p[i] = (unsigned char) (blocks + i);
            checksum += p[i];
        }
        blocks++;
    }
    printf("allocated %lu MiB in %lu blocks (checksum %u)\n", blocks * BLOCK / (1024 * 1024), blocks, checksum);
    return 0;
}
