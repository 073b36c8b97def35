package io.accelmon.core.scrape;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Callable;

/**
 * One encoded response shared by the scrapes that ask for the same thing at the same time: the first caller of a key
 * encodes, callers arriving while it does wait for its bytes, and nothing is kept once it is done, so 100 concurrent
 * scrapes cost one encoding and one buffer instead of 100.
 */
public final class SharedResponses<K> {

    private final Map<K, CompletableFuture<byte[]>> inFlight = new HashMap<>();

    /** The bytes of the encoding in flight for {@code key}, or of a new one run on the calling thread. */
    public byte[] get(K key, Callable<byte[]> encode) throws Exception {
        CompletableFuture<byte[]> mine;
        CompletableFuture<byte[]> theirs;
        synchronized (inFlight) {
            theirs = inFlight.get(key);
            mine = theirs == null ? new CompletableFuture<>() : null;
            if (mine != null) {
                inFlight.put(key, mine);
            }
        }
        if (theirs != null) {
            try {
                return theirs.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
        try {
            byte[] bytes = encode.call();
            mine.complete(bytes);
            return bytes;
        } catch (Throwable e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            synchronized (inFlight) {
                inFlight.remove(key, mine);
            }
        }
    }
}
