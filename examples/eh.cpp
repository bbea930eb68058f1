// C++ exceptions with -fwasm-exceptions: a parser throws a ParseError from a few calls deep and main catches it.
// Debian's wasm32 libc++abi has no __cxa_throw, so eh_runtime.c (with eh_throw.s) is the runtime; it supports
// catch (...), and caught_object() gives the handler the thrown object.
#include <stdio.h>

struct ParseError {
    int position;
    int character;
};

#ifdef __wasm__
extern "C" const void *caught_object(void);
#else
#include <exception>
// Natively the C++ runtime is complete: the same program, with the object recovered by a typed catch.
static const void *caught_object(void) {
    static ParseError copy;
    try {
        std::rethrow_exception(std::current_exception());
    } catch (const ParseError &e) {
        copy = e;
    }
    return &copy;
}
#endif

__attribute__((noinline)) static int digit(char c, int position) {
    if (c < '0' || c > '9') {
        throw ParseError{position, c}; // @BP_THROW
    }
    return c - '0';
}

__attribute__((noinline)) static int parse(const char *s) {
    int value = 0;
    for (int i = 0; s[i] != 0; i++) {
        value = value * 10 + digit(s[i], i);
    }
    return value;
}

int main() {
    const char *inputs[] = {"42", "7x", "123", "9z9"};
    int parsed = 0;
    for (const char *input : inputs) {
        try {
            int value = parse(input); // @BP_CALL
            printf("%s -> %d\n", input, value);
            parsed++;
        } catch (...) {
            const ParseError *e = static_cast<const ParseError *>(caught_object()); // @BP_HANDLER
            printf("%s -> error at %d ('%c')\n", input, e->position, e->character);
        }
    }
    printf("%d of 4 parsed\n", parsed);
    return 0;
}
