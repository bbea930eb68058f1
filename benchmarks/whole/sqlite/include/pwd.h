/* WASI has no users: the SQLite shell's home-directory lookup finds no passwd entry and falls back to $HOME. */
#ifndef TRAPDOOR_PWD_H
#define TRAPDOOR_PWD_H
#include <sys/types.h>
struct passwd { char *pw_dir; };
static inline uid_t getuid(void) { return 0; }
static inline struct passwd *getpwuid(uid_t uid) { (void)uid; return 0; }
#endif
