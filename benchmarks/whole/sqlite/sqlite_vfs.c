/* The operating-system layer of the SQLite build for wasm32-wasi (SQLITE_OS_OTHER=1): SQLite's os_unix.c needs
 * file locks, fchown and mmap, which WASI lacks. The benchmark needs no files: its databases are in memory
 * (":memory:", SQLITE_TEMP_STORE=3 for temporary tables, indexes and sorts), so this VFS opens no file at all and
 * provides only what an in-memory database still asks of the VFS: time, randomness and sleep. */
#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "sqlite3.h"

static int memOnlyOpen(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *outFlags) {
  (void)vfs; (void)name; (void)flags; (void)outFlags;
  file->pMethods = 0; /* tells SQLite there is nothing to close */
  return SQLITE_CANTOPEN;
}

static int memOnlyDelete(sqlite3_vfs *vfs, const char *name, int syncDir) {
  (void)vfs; (void)name; (void)syncDir;
  return SQLITE_IOERR_DELETE_NOENT;
}

static int memOnlyAccess(sqlite3_vfs *vfs, const char *name, int flags, int *result) {
  (void)vfs; (void)name; (void)flags;
  *result = 0;
  return SQLITE_OK;
}

static int memOnlyFullPathname(sqlite3_vfs *vfs, const char *name, int size, char *out) {
  (void)vfs;
  sqlite3_snprintf(size, out, "%s", name);
  return SQLITE_OK;
}

/* WASI's random_get: the same source os_unix.c's /dev/urandom would be. */
static int memOnlyRandomness(sqlite3_vfs *vfs, int size, char *out) {
  (void)vfs;
  return getentropy(out, (size_t)size) == 0 ? size : 0;
}

static int memOnlySleep(sqlite3_vfs *vfs, int micros) {
  (void)vfs;
  usleep((useconds_t)micros);
  return micros;
}

/* Julian day in milliseconds, as SQLite's xCurrentTimeInt64 wants it. */
static int memOnlyCurrentTimeInt64(sqlite3_vfs *vfs, sqlite3_int64 *out) {
  (void)vfs;
  struct timespec now;
  if (clock_gettime(CLOCK_REALTIME, &now) != 0) return SQLITE_ERROR;
  *out = (sqlite3_int64)210866760000000LL + (sqlite3_int64)now.tv_sec * 1000 + now.tv_nsec / 1000000;
  return SQLITE_OK;
}

static int memOnlyCurrentTime(sqlite3_vfs *vfs, double *out) {
  sqlite3_int64 ms;
  int rc = memOnlyCurrentTimeInt64(vfs, &ms);
  *out = ms / 86400000.0;
  return rc;
}

static int memOnlyGetLastError(sqlite3_vfs *vfs, int size, char *out) {
  (void)vfs;
  if (size > 0) sqlite3_snprintf(size, out, "%s", strerror(errno));
  return errno;
}

/* No xDl* members: the build has no loadable extensions (SQLITE_OMIT_LOAD_EXTENSION). */
static sqlite3_vfs memOnlyVfs = {
  .iVersion = 2,
  .szOsFile = sizeof(sqlite3_file),
  .mxPathname = 512,
  .zName = "wasi-memory-only",
  .xOpen = memOnlyOpen,
  .xDelete = memOnlyDelete,
  .xAccess = memOnlyAccess,
  .xFullPathname = memOnlyFullPathname,
  .xRandomness = memOnlyRandomness,
  .xSleep = memOnlySleep,
  .xCurrentTime = memOnlyCurrentTime,
  .xGetLastError = memOnlyGetLastError,
  .xCurrentTimeInt64 = memOnlyCurrentTimeInt64,
};

int sqlite3_os_init(void) {
  return sqlite3_vfs_register(&memOnlyVfs, 1);
}

int sqlite3_os_end(void) {
  return SQLITE_OK;
}
