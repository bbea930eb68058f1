package dev.trapdoor.bench;

/** One instantiated kernel module on some engine: {@code run(n)} returns the kernel's i32 checksum. */
public interface Kernel {
    int run(int n);
}
