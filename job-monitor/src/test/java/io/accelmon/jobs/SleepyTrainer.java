package io.accelmon.jobs;

/** A long-running Java "training job" for the job-detection tests: burns CPU, holds 48 MB, then sleeps. */
public final class SleepyTrainer {

    private SleepyTrainer() {
    }

    public static void main(String[] args) throws InterruptedException {
        byte[][] weights = new byte[48][];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = new byte[1024 * 1024];
            java.util.Arrays.fill(weights[i], (byte) i);
        }
        long end = System.nanoTime() + 700_000_000L;
        double x = 0;
        while (System.nanoTime() < end) {
            x += Math.sqrt(x + 1);
        }
        System.out.println("ready " + x + " " + weights.length);
        System.out.flush();
        Thread.sleep(120_000);
    }
}
