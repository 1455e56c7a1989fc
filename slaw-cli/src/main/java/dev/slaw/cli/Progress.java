package dev.slaw.cli;

import dev.slaw.uncertainty.ProgressListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A terminal progress bar for long work, drawn only when attached to a terminal
 * ({@code System.console() != null}), so that pipes and files get clean output.
 */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;
    private final ProgressListener served;

    private Progress(ProgressBar bar) {
        this(bar, null);
    }

    private Progress(ProgressBar bar, ProgressListener served) {
        this.bar = bar;
        this.served = served;
    }

    /** A listener the web workbench sets on the thread that runs a command, for its job's progress. */
    static final ThreadLocal<ProgressListener> SERVED = new ThreadLocal<>();

    static Progress start(String task, int total) {
        if (SERVED.get() != null) {
            return new Progress(null, SERVED.get());
        }
        if (System.console() == null) {
            return new Progress(null);
        }
        return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).continuousUpdate().build());
    }

    ProgressListener listener() {
        if (served != null) {
            return served;
        }
        if (bar == null) {
            return ProgressListener.NONE;
        }
        return (done, total) -> bar.stepTo(Math.max(bar.getCurrent(), done));
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
