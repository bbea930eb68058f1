// Prints its arguments and $GREETING, writes hello.txt into the preopened directory named by $OUT_DIR
// (default "/out"), then exits with the code given as the first argument (default 0).
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    printf("argc=%d\n", argc);
    for (int i = 0; i < argc; i++) {
        printf("argv[%d]=%s\n", i, argv[i]);
    }
    const char *greeting = getenv("GREETING");
    printf("GREETING=%s\n", greeting ? greeting : "(unset)");

    const char *dir = getenv("OUT_DIR");
    if (dir == NULL) {
        dir = "/out";
    }
    char path[256];
    snprintf(path, sizeof path, "%s/hello.txt", dir);
    FILE *f = fopen(path, "w");
    if (f != NULL) {
        fprintf(f, "hello from wasm\n");
        fclose(f);
        printf("wrote %s\n", path);
    } else {
        fprintf(stderr, "cannot write %s\n", path);
    }
    fflush(stdout);
    return argc > 1 ? atoi(argv[1]) : 0;
}
