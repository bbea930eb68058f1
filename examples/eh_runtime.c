/* A tiny C++ exception runtime for -fwasm-exceptions, enough for throw and catch (...): Debian's wasm32 libc++abi
 * has no __cxa_throw. The thrown object follows a header with its type and destructor; the Wasm exception's payload
 * is the object's address. */
#include <stdlib.h>

struct header {
    void *type;
    void (*destroy)(void *);
};

/* eh_throw.s: throws the __cpp_exception tag with the object's address. */
void eh_throw(void *object);

static void *current;

void *__cxa_allocate_exception(size_t size) {
    struct header *h = malloc(sizeof(struct header) + size);
    if (h == NULL) {
        abort();
    }
    return h + 1;
}

void __cxa_throw(void *object, void *type, void (*destroy)(void *)) {
    struct header *h = (struct header *)object - 1;
    h->type = type;
    h->destroy = destroy;
    eh_throw(object);
}

void *__cxa_begin_catch(void *object) {
    current = object;
    return object;
}

void __cxa_end_catch(void) {
    struct header *h = (struct header *)current - 1;
    if (h->destroy != NULL) {
        h->destroy(current);
    }
    free(h);
    current = NULL;
}

/* The object the running handler caught. */
const void *caught_object(void) {
    return current;
}

/* std::terminate(), which clang calls when a destructor throws during unwinding. */
void _ZSt9terminatev(void) {
    abort();
}

/* The vtable typeid(ParseError) points into; catch (...) never reads it. */
void *_ZTVN10__cxxabiv117__class_type_infoE[4];
