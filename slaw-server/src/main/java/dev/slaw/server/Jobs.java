package dev.slaw.server;

import dev.slaw.io.json.JsonObject;
import dev.slaw.uncertainty.ProgressListener;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Long commands (a bootstrap) run as jobs: started by one request, watched by polling, stopped
 * by a cancel. A job nobody has asked about for {@link #abandonAfterMillis} is cancelled, so a
 * client that goes away does not leave work running; finished jobs beyond the last
 * {@link #KEPT} are forgotten.
 */
final class Jobs implements AutoCloseable {

    static final int KEPT = 100;

    enum State { QUEUED, RUNNING, DONE, FAILED, CANCELLED }

    /** One job; its fields change on the worker thread and are read by requests. */
    static final class Job {
        final long id;
        final String kind;
        final String subject;
        volatile State state = State.QUEUED;
        final AtomicInteger done = new AtomicInteger();
        volatile int total;
        volatile boolean cancelRequested;
        volatile String cancelReason;
        volatile String result;
        volatile String error;
        volatile long lastSeen = System.currentTimeMillis();

        Job(long id, String kind, String subject) {
            this.id = id;
            this.kind = kind;
            this.subject = subject;
        }

        /** Progress from the command; stops it (by throwing) once a cancel was asked for. */
        ProgressListener listener() {
            return (d, t) -> {
                total = t;
                done.accumulateAndGet(d, Math::max);
                if (cancelRequested) {
                    throw new CancellationException("cancelled");
                }
            };
        }

        synchronized JsonObject status() {
            JsonObject o = new JsonObject().put("id", id).put("kind", kind).put("subject", subject)
                    .put("state", state == State.RUNNING && cancelRequested ? "cancelling"
                            : state.name().toLowerCase(java.util.Locale.ROOT)).put("done", done.get()).put("total", total);
            if (error != null) {
                o.put("error", error);
            }
            return o;
        }
    }

    private final Map<Long, Job> jobs = new LinkedHashMap<>();
    private final ExecutorService workers;
    private final ScheduledExecutorService watchdog;
    private final long abandonAfterMillis;
    private long nextId = 1;

    /**
     * @param concurrent jobs that run at once; more wait their turn
     */
    Jobs(int concurrent, long abandonAfterMillis) {
        this.abandonAfterMillis = abandonAfterMillis;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(concurrent, r -> {
            Thread t = new Thread(r, "slaw-job-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "slaw-job-watchdog");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(100, Math.min(abandonAfterMillis / 4, 5000));
        watchdog.scheduleAtFixedRate(this::cancelAbandoned, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts {@code work}, which returns the job's result document and reports to the job's
     * listener; a failure is a {@link Failure} whose line the job keeps.
     */
    synchronized Job start(String kind, String subject, Function<Job, String> work) {
        Job job = new Job(nextId++, kind, subject);
        jobs.put(job.id, job);
        forgetOld();
        workers.submit(() -> run(job, work));
        return job;
    }

    private static void run(Job job, Function<Job, String> work) {
        if (job.cancelRequested) {
            job.state = State.CANCELLED;
            return;
        }
        job.state = State.RUNNING;
        try {
            String r = work.apply(job);
            job.result = r;
            job.state = job.cancelRequested ? State.CANCELLED : State.DONE;
        } catch (RuntimeException e) {
            if (job.cancelRequested) {
                job.state = State.CANCELLED;
                job.error = job.cancelReason;
            } else {
                job.error = e instanceof Failure ? e.getMessage() : "internal error: " + e;
                job.state = State.FAILED;
            }
        }
    }

    /** The job, marked as seen (a client still wants it). */
    synchronized Job get(long id) {
        Job job = jobs.get(id);
        if (job == null) {
            throw new Failure(404, "no job " + id);
        }
        job.lastSeen = System.currentTimeMillis();
        return job;
    }

    synchronized List<Job> list() {
        return new ArrayList<>(jobs.values());
    }

    /** Asks the job to stop; it ends at the next replicate. */
    Job cancel(long id, String reason) {
        Job job = get(id);
        if (job.state == State.QUEUED || job.state == State.RUNNING) {
            job.cancelReason = reason;
            job.cancelRequested = true;
            if (job.state == State.QUEUED) {
                job.state = State.CANCELLED;
                job.error = reason;
            }
        }
        return job;
    }

    private synchronized void cancelAbandoned() {
        long now = System.currentTimeMillis();
        for (Job job : jobs.values()) {
            if ((job.state == State.RUNNING || job.state == State.QUEUED) && !job.cancelRequested
                    && now - job.lastSeen > abandonAfterMillis) {
                job.cancelReason = "cancelled: no client asked about the job for " + abandonAfterMillis / 1000 + " s";
                job.cancelRequested = true;
                if (job.state == State.QUEUED) {
                    job.state = State.CANCELLED;
                    job.error = job.cancelReason;
                }
            }
        }
    }

    private void forgetOld() {
        int finished = 0;
        for (Job j : jobs.values()) {
            finished += j.state == State.QUEUED || j.state == State.RUNNING ? 0 : 1;
        }
        var it = jobs.values().iterator();
        while (finished > KEPT && it.hasNext()) {
            Job j = it.next();
            if (j.state != State.QUEUED && j.state != State.RUNNING) {
                it.remove();
                finished--;
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            jobs.values().forEach(j -> j.cancelRequested = true);
        }
        watchdog.shutdownNow();
        workers.shutdownNow();
    }
}
