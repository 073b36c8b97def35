package io.accelmon.node.source;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A source file that is not there, without a stack trace: absence is the normal case for most collectors on most
 * hosts (no InfiniBand, no ZFS), and filling in the stack of each such exception was a visible part of a scrape.
 */
public final class AbsentFileException extends NoSuchFileException {

    private static final long serialVersionUID = 1L;

    public AbsentFileException(Path file) {
        super(file.toString());
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
