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

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    static Progress start(String task, int total) {
        if (System.console() == null) {
            return new Progress(null);
        }
        return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).continuousUpdate().build());
    }

    ProgressListener listener() {
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
