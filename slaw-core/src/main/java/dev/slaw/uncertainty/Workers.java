package dev.slaw.uncertainty;

import java.util.ArrayList;
import java.util.List;

/** Runs one work loop on several threads and rethrows the first worker's error. */
final class Workers {

    private Workers() {
    }

    static void run(Runnable work, int threads, String name) {
        if (threads <= 1) {
            work.run();
            return;
        }
        List<Thread> workers = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(work, name + t);
            th.setUncaughtExceptionHandler((x, e) -> {
                synchronized (errors) {
                    errors.add(e);
                }
            });
            workers.add(th);
            th.start();
        }
        for (Thread th : workers) {
            try {
                th.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name + " workers", e);
            }
        }
        if (!errors.isEmpty()) {
            Throwable e = errors.get(0);
            if (e instanceof RuntimeException re) {
                throw re;
            }
            if (e instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e);
        }
    }
}
