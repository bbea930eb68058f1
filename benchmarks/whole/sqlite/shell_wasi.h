/* Forced into the SQLite shell (clang -include) for wasm32-wasi: WASI has no file modes, so the shell's writefile()
 * and archive commands get a chmod that fails; nothing in the benchmark calls them. */
#ifndef TRAPDOOR_SHELL_WASI_H
#define TRAPDOOR_SHELL_WASI_H
#include <errno.h>
#include <sys/types.h>
static inline int chmod(const char *path, mode_t mode) { (void)path; (void)mode; errno = ENOTSUP; return -1; }
#endif
