package io.accelmon.api.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * Counts the body bytes an application writes, through either the output stream or the writer; for filters that
 * report {@code api_response_size_bytes}.
 */
public final class CountingResponse extends HttpServletResponseWrapper {

    private CountingOutput output;
    private PrintWriter writer;

    public CountingResponse(HttpServletResponse response) {
        super(response);
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (output == null) {
            output = new CountingOutput(super.getOutputStream());
        }
        return output;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            // encode here so the bytes pass the counter; the charset is the response's, as the container would use
            writer = new PrintWriter(new OutputStreamWriter((OutputStream) getOutputStream(),
                    Charset.forName(getCharacterEncoding())), false);
        }
        return writer;
    }

    @Override
    public void flushBuffer() throws IOException {
        flushWriter();
        super.flushBuffer();
    }

    /** Pushes what the writer buffers through the counter; call before {@link #count()}. */
    public void flushWriter() {
        if (writer != null) {
            writer.flush();
        }
    }

    /** Body bytes written so far. */
    public long count() {
        return output == null ? 0 : output.count;
    }

    private static final class CountingOutput extends ServletOutputStream {
        private final ServletOutputStream delegate;
        private long count;

        CountingOutput(ServletOutputStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public void write(int b) throws IOException {
            delegate.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            delegate.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            delegate.flush();
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            delegate.setWriteListener(listener);
        }
    }
}
