/* What wasi-libc declares, or Lua needs, but WASI cannot do: no processes and no temporary files. */
#include <errno.h>
#include <stdio.h>

int system(const char *command) {
  if (command == NULL) return 0; /* no shell */
  errno = ENOTSUP;
  return -1;
}

FILE *tmpfile(void) {
  errno = ENOTSUP;
  return NULL;
}
