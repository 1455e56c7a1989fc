package dev.slaw.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The one worker pool of slaw's parallel loops (fit starts, bootstrap replicates): threads pull
 * task indices from a shared counter, each with its own state, and each task writes its result
 * by index. A task's result therefore depends only on its index, never on the thread that ran it
 * or on the number of threads.
 */
public final class Workers {

    private Workers() {
    }

    /**
     * One task of a parallel loop, run with the state of the thread that runs it.
     *
     * @param <S> the per-thread state (optimiser, work arrays)
     */
    @FunctionalInterface
    public interface Task<S> {
        /** Runs task {@code index} with this thread's {@code state}. */
        void run(S state, int index);
    }

    /**
     * Runs tasks 0 to {@code count - 1} on at most {@code threads} threads (on the calling
     * thread when one suffices) and rethrows the first worker's error.
     *
     * @param name  the threads' name prefix, as in {@code slaw-fit-}
     * @param state makes one thread's state; called once on each worker thread
     */
    public static <S> void forEachIndex(int count, int threads, String name, Supplier<S> state, Task<S> task) {
        AtomicInteger next = new AtomicInteger();
        Runnable work = () -> {
            S own = state.get();
            int i;
            while ((i = next.getAndIncrement()) < count) {
                task.run(own, i);
            }
        };
        int used = Math.max(1, Math.min(threads, count));
        if (used == 1) {
            work.run();
            return;
        }
        List<Thread> workers = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        for (int t = 0; t < used; t++) {
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
                throw new IllegalStateException("interrupted while waiting for the " + name + " workers", e);
            }
        }
        if (!errors.isEmpty()) {
            Throwable e = errors.get(0);
            // rethrown as they are, so a bad-input or out-of-memory error keeps its meaning
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
