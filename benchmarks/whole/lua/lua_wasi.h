/* Forced into every Lua source file (clang -include) when benchmarks/whole/build.sh compiles Lua 5.4 for
 * wasm32-wasi. Lua's sources stay as Debian ships them; everything WASI lacks is decided here.
 *
 * Errors: Lua unwinds with setjmp/longjmp, which wasi-libc does not have. ldo.c lets a build define LUAI_THROW,
 * LUAI_TRY and luai_jmpbuf; ours throw and catch a Wasm exception (legacy try/catch_all, see lua_eh.s), so that
 * error(), pcall and coroutines work as in a native build. The status that luaD_throw stores in the jump buffer
 * before it throws is all the catch needs, so the exception carries no payload. LUAI_TRY's only use, in
 * luaD_rawrunprotected, runs "(*f)(L, ud);": the catching function calls f itself. */
#ifndef TRAPDOOR_LUA_WASI_H
#define TRAPDOOR_LUA_WASI_H

/* Runs f(L, ud); returns 0 when it returns, 1 when a Lua error (a lua_eh_throw) unwinds out of it. */
int lua_eh_try(void (*f)(void *L, void *ud), void *L, void *ud);
_Noreturn void lua_eh_throw(void);

#define LUAI_THROW(L, c) lua_eh_throw()
#define LUAI_TRY(L, c, a) \
  if (lua_eh_try((void (*)(void *, void *))f, L, ud)) { if ((c)->status == 0) (c)->status = -1; }
#define luai_jmpbuf int /* unused */

/* No processes and no temporary files in WASI: os.execute, os.tmpname and io.tmpfile fail, as Lua reports any
 * failure of these (system and tmpfile are in lua_wasi.c). */
int system(const char *command);
#define LUA_TMPNAMBUFSIZE 32
#define lua_tmpnam(b, e) { (b)[0] = '\0'; e = 1; }
#endif
