package dev.trapdoor.engine.wasi;

import java.security.SecureRandom;
import java.util.Random;

/**
 * The default source of {@code random_get}: a {@link SecureRandom} made when a program first asks for random bytes.
 * Making one reads the JDK's security configuration and opens the system's entropy device, tens of milliseconds of
 * a start-up that most programs (hello-world) never need.
 */
final class LazySecureRandom extends Random {
    private static final long serialVersionUID = 1L;
    private transient volatile SecureRandom secure;

    private SecureRandom secure() {
        SecureRandom s = secure;
        if (s == null) {
            synchronized (this) {
                s = secure;
                if (s == null) {
                    s = new SecureRandom();
                    secure = s;
                }
            }
        }
        return s;
    }

    @Override
    protected int next(int bits) {
        return secure().nextInt() >>> (32 - bits);
    }

    @Override
    public void nextBytes(byte[] bytes) {
        secure().nextBytes(bytes);
    }

    @Override
    public synchronized void setSeed(long seed) {
        // Random's constructor seeds itself; a SecureRandom made later seeds itself from the system.
    }
}
