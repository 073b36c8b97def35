package io.accelmon.core.scrape;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One scrape's source reads, run on a few pooled threads ("lanes") that each take the next read not yet started.
 * A hand-off to a pooled thread costs more CPU than most /proc reads, so a scrape of 40 sources hands off a few lanes
 * instead of 40 reads. A read that blocks holds only its lane; {@link #addLaneIfWaiting()} lets the waiting scrape
 * add one when the lanes it has are all stuck. Also used for calls within one source (statvfs per mount point).
 */
public final class ReadLanes {

    private final List<Runnable> reads;
    private final Executor executor;
    private final AtomicInteger next = new AtomicInteger();
    private int lanes;

    /** @param reads in the order to start them (longest first finishes soonest on few threads) */
    public ReadLanes(List<Runnable> reads, Executor executor) {
        this.reads = reads;
        this.executor = executor;
    }

    /** Starts {@code count} lanes, at most one per read. */
    public void start(int count) {
        for (int i = 0; i < count && lanes < reads.size(); i++) {
            addLane();
        }
    }

    /** Adds a lane if some read has not started yet; true if it did. */
    public boolean addLaneIfWaiting() {
        if (next.get() >= reads.size()) {
            return false;
        }
        addLane();
        return true;
    }

    private void addLane() {
        lanes++;
        executor.execute(() -> {
            for (int i = next.getAndIncrement(); i < reads.size(); i = next.getAndIncrement()) {
                reads.get(i).run();
            }
        });
    }
}
