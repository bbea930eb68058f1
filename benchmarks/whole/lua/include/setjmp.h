/* wasi-libc has no setjmp.h, and ldo.c includes it unconditionally; lua_wasi.h replaces what ldo.c uses it for. */
