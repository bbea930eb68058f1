/* Host driver: prints run(n) as a signed 32-bit int (how the JVM sees the Wasm i32) for each n argument. */
#include <stdio.h>
#include <stdlib.h>
#include "src/kernel.h"

int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) printf("%d\n", (int32_t) run((int32_t) atoi(argv[i])));
    return 0;
}
