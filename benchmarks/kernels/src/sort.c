/* Sorting: an introsort-free quicksort (median of three, insertion sort for short runs) on LCG data. */
#include "kernel.h"

#define MAX_LEN 65536
static int32_t data[MAX_LEN];

static void insertion_sort(int32_t *a, int lo, int hi) {
    for (int i = lo + 1; i <= hi; i++) {
        int32_t v = a[i];
        int j = i - 1;
        while (j >= lo && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static void swap(int32_t *a, int i, int j) {
    int32_t t = a[i];
    a[i] = a[j];
    a[j] = t;
}

static void quicksort(int32_t *a, int lo, int hi) {
    while (hi - lo > 16) {
        int mid = lo + (hi - lo) / 2;
        if (a[mid] < a[lo]) swap(a, mid, lo);
        if (a[hi] < a[lo]) swap(a, hi, lo);
        if (a[hi] < a[mid]) swap(a, hi, mid);
        int32_t pivot = a[mid];
        int i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) swap(a, i++, j--);
        }
        /* Recurse on the smaller side, loop on the larger: bounded stack depth. */
        if (j - lo < hi - i) {
            quicksort(a, lo, j);
            lo = i;
        } else {
            quicksort(a, i, hi);
            hi = j;
        }
    }
    insertion_sort(a, lo, hi);
}

KERNEL_EXPORT uint32_t run(int32_t n) {
    if (n > MAX_LEN) n = MAX_LEN;
    uint32_t seed = 2024u;
    for (int32_t i = 0; i < n; i++) data[i] = (int32_t) (lcg(&seed) >> 1) - (1 << 30);
    quicksort(data, 0, n - 1);
    uint32_t h = CHECKSUM_SEED;
    uint32_t unsorted = 0;
    for (int32_t i = 1; i < n; i++) unsorted += data[i - 1] > data[i];
    h = mix32(h, unsorted);
    for (int32_t i = 0; i < n; i += 97) h = mix32(h, (uint32_t) data[i]);
    return h;
}
