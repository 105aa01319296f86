package org.coursekit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * {@link Main#main} ends a successful run by returning, which ends the JVM only when no other
 * non-daemon thread lives: with one alive it calls System.exit, as before (a command that forgot a
 * thread would otherwise never end, a nightly job hanging). Each case runs in a thread group of its
 * own, as {@code main} runs in the JVM's main group, apart from the test runner's threads.
 */
class MainTest {
    @Test
    void aLiveNonDaemonThreadMakesMainExitInsteadOfReturning() throws Exception {
        assertThat(withAnotherThread(false)).isFalse();
    }

    @Test
    void daemonThreadsAloneLetMainReturn() throws Exception {
        assertThat(withAnotherThread(true)).isTrue();
    }

    /** {@link Main#onlyDaemonThreadsLeft()} asked in a fresh group while one more thread of it ({@code daemon} or not) waits. */
    private static boolean withAnotherThread(boolean daemon) throws InterruptedException {
        ThreadGroup group = new ThreadGroup("main-test");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread other = new Thread(group, () -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "other");
        other.setDaemon(daemon);
        other.start();
        boolean[] answer = new boolean[1];
        try {
            started.await();
            Thread probe = new Thread(group, () -> answer[0] = Main.onlyDaemonThreadsLeft(), "probe");
            probe.start();
            probe.join();
        } finally {
            release.countDown();
            other.join();
        }
        return answer[0];
    }
}
