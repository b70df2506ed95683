package io.github.driftclaims.hub;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;

/**
 * A download's body, written to a file as it arrives, never past the size the server announced, and
 * given up when no byte has arrived for a while.
 *
 * <p>{@code BodyHandlers.ofInputStream} cannot do either: its {@code read} blocks with no timeout (the
 * request timeout covers only the headers) and closing the stream from another thread does not wake
 * it. Here the HTTP client pushes the body, and the downloading thread waits on it with a deadline
 * that moves with every chunk. The body is made available as soon as the headers are in ({@link
 * #getBody} completes at once), so the caller can look at the status before anything is written;
 * no byte is requested until {@link #start}.
 */
final class BodyToFile implements HttpResponse.BodySubscriber<BodyToFile> {

    /** The server sent more than it announced; nothing past the announced size was written. */
    static final class Overflow extends IOException {
        Overflow(String message) {
            super(message);
        }
    }

    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private FileChannel out;
    private long limit;
    private LongConsumer progress;
    private long written;
    private long lastActivity;
    private boolean cancelled;

    @Override
    public synchronized void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (out != null) {
            s.request(1);
        }
    }

    /**
     * Starts writing into {@code out}, at most {@code limit} bytes (no bound when negative).
     * {@code progress} is told each chunk's size, on the HTTP client's thread.
     */
    synchronized void start(FileChannel out, long limit, LongConsumer progress) {
        this.out = out;
        this.limit = limit;
        this.progress = progress;
        this.lastActivity = System.nanoTime();
        if (subscription != null) {
            subscription.request(1);
        }
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> items) {
        if (cancelled) {
            return;
        }
        lastActivity = System.nanoTime();
        try {
            for (ByteBuffer b : items) {
                int n = b.remaining();
                if (limit >= 0 && written + n > limit) {
                    fail(new Overflow("the server sent more than the " + limit + " bytes it announced"));
                    return;
                }
                while (b.hasRemaining()) {
                    out.write(b);
                }
                written += n;
                progress.accept(n);
            }
        } catch (IOException e) {
            fail(e);
            return;
        }
        subscription.request(1);
    }

    @Override
    public synchronized void onError(Throwable t) {
        done.completeExceptionally(t);
    }

    @Override
    public synchronized void onComplete() {
        done.complete(null);
    }

    @Override
    public CompletionStage<BodyToFile> getBody() {
        return CompletableFuture.completedFuture(this);
    }

    /** Stops the transfer; after this returns nothing more is written. */
    synchronized void cancel() {
        cancelled = true;
        if (subscription != null) {
            subscription.cancel();
        }
    }

    private void fail(IOException e) {
        cancel();
        done.completeExceptionally(e);
    }

    synchronized long written() {
        return written;
    }

    private synchronized long idleNanos() {
        return System.nanoTime() - lastActivity;
    }

    /**
     * Waits until the body has ended; gives up (and cancels) once no data has arrived for
     * {@code readTimeout}.
     *
     * @throws Overflow when the server sent more than announced
     * @throws IOException when the connection failed or stalled
     */
    void await(Duration readTimeout) throws IOException {
        long timeout = readTimeout.toNanos();
        while (true) {
            long idle = idleNanos();
            if (idle >= timeout) {
                cancel();
                throw new IOException("no data arrived for " + readTimeout.toMillis() + " ms after " + written()
                        + " bytes (read timeout)");
            }
            try {
                done.get(timeout - idle, TimeUnit.NANOSECONDS);
                return;
            } catch (TimeoutException e) {
                // Check how long it has really been idle: data may have arrived meanwhile.
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException(e.getCause());
            } catch (InterruptedException e) {
                cancel();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }
}
