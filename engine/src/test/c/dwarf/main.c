#include <stdio.h>
#include "mathutil.h"

static int divide(int a, int b) {
    return a / b;            /* DIVIDE */
}

int main(int argc, char **argv) {
    int s = sum_squares(argc + 9);   /* BP_MAIN_FIRST */

    /* NO_CODE: a comment line with no code; a breakpoint here moves down. */

    int c = checksum("trapdoor");    /* BP_AFTER_BLANK */
    int q = divide(s, argc - 1);     /* CALL_DIVIDE */
    printf("%d %d %d\n", s, c, q);
    return 0;
}
