package io.github.driftclaims.model;

import io.github.driftclaims.UserInputException;
import io.github.driftclaims.Excerpt;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The native tokenizers library in a child JVM, for a tokenizer.json that {@link TokenizerCheck}
 * accepted but could not verify (a Precompiled normalizer, a regex its heuristic does not clear): a
 * panic there aborts the process it runs in, and here that is the child. The child
 * ({@link TokenizerChild}) lives as long as this object and answers one request at a time, one line
 * of JSON each way; a child that dies, or does not answer within {@link Limits#TOKENIZER_REQUEST_SECONDS},
 * becomes a {@link ModelLoadException} naming tokenizer.json, and this JVM goes on.
 */
final class IsolatedTokenizer implements NativeTokenizer {

    /** The end of the child's answers (it exited, or wrote a line past the bound): no more lines. */
    private static final String END = new String("end of the child's output");

    /** Bytes a pipe holds without a reader on every platform the project runs on (Linux 64 KiB, macOS 16 KiB). */
    private static final int PIPE_BYTES = 8192;

    private final Path file;
    private final String why;
    private final Process child;
    private final OutputStream requests;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final StringBuilder stderrTail = new StringBuilder();
    private final Duration requestTimeout;
    /**
     * Kills the child if this JVM exits with it open: a child that reads its input exits at its end
     * anyway, but one stuck in native code reads nothing.
     */
    private final Thread onExit;
    /** Set once the child failed: every later call gives the same error rather than a new child. */
    private ModelLoadException failed;

    private IsolatedTokenizer(Path file, String why, Process child, Duration requestTimeout) {
        this.file = file;
        this.why = why;
        this.child = child;
        this.requests = child.getOutputStream();
        this.requestTimeout = requestTimeout;
        this.onExit = new Thread(child::destroyForcibly, "tokenizer-child-kill");
        Runtime.getRuntime().addShutdownHook(onExit);
        daemon("tokenizer-child-stdout", () -> readAnswers(child.getInputStream()));
        daemon("tokenizer-child-stderr", () -> keepTail(child.getErrorStream()));
    }

    /**
     * Starts the child on {@code json} (sent through its stdin, so that it sees the bytes checked here
     * and nothing read again from disk) and waits until it has loaded them.
     *
     * @param why what TokenizerCheck could not verify, for the messages
     */
    static IsolatedTokenizer start(Path file, byte[] json, String why) {
        return start(file, json, why, TokenizerChild.class.getName(),
                Duration.ofSeconds(Limits.TOKENIZER_CHILD_START_SECONDS),
                Duration.ofSeconds(Limits.TOKENIZER_REQUEST_SECONDS));
    }

    /** As {@link #start(Path, byte[], String)}, with another child main class and timeouts (tests). */
    static IsolatedTokenizer start(Path file, byte[] json, String why, String mainClass, Duration startTimeout,
            Duration requestTimeout) {
        List<String> command = ChildJvm.command(mainClass);
        Process p;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(new File(System.getProperty("java.io.tmpdir")));
            // The panic's message is what the error line quotes; a backtrace would only slow the crash down.
            builder.environment().put("RUST_BACKTRACE", "0");
            p = builder.start();
        } catch (IOException e) {
            throw new ModelLoadException(file, "the native tokenizer could not be started in a child process ("
                    + Excerpt.message(e.getMessage(), 160) + "); the file has " + why + ", so it is not loaded in"
                    + " this process", "run with a Java installation that can start " + ChildJvm.javaBinary(), e);
        }
        IsolatedTokenizer t = new IsolatedTokenizer(file, why, p, requestTimeout);
        try {
            JsonObject loaded = t.ask(("load " + json.length + "\n").getBytes(StandardCharsets.US_ASCII), json,
                    startTimeout);
            if (loaded.has("error")) {
                throw NativeTokenizer.invalid(file, string(loaded, "error"), null);
            }
            return t;
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
    }

    @Override
    public synchronized Encoded encode(String text) {
        if (text.length() > Limits.TOKENIZER_TEXT_CHARS) {
            throw new UserInputException("a text of " + text.length() + " characters is more than "
                    + Limits.named("TOKENIZER_TEXT_CHARS", Limits.TOKENIZER_TEXT_CHARS) + " for an isolated tokenizer");
        }
        JsonObject request = new JsonObject();
        request.addProperty("encode", text);
        JsonObject answer = request(request);
        try {
            JsonArray ids = answer.getAsJsonArray("ids");
            JsonArray tokens = answer.getAsJsonArray("tokens");
            long[] out = new long[ids.size()];
            List<String> strings = new ArrayList<>(tokens.size());
            for (int i = 0; i < out.length; i++) {
                out[i] = ids.get(i).getAsLong();
            }
            tokens.forEach(s -> strings.add(s.getAsString()));
            return new Encoded(out, List.copyOf(strings));
        } catch (RuntimeException e) {
            throw fail("answered what is not an encoding", e);
        }
    }

    @Override
    public synchronized String decode(long id) {
        JsonObject request = new JsonObject();
        request.addProperty("decode", id);
        return string(request(request), "text");
    }

    @Override
    public boolean isolated() {
        return true;
    }

    /** Ends the child: its stdin closes (it exits on end of input), and it is killed if it lingers. */
    @Override
    public synchronized void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it kills the child
        }
        try {
            requests.close();
        } catch (IOException ignored) {
            // the child is gone already
        }
        try {
            if (!child.waitFor(2, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private JsonObject request(JsonObject request) {
        // Gson writes a string on one line, with every control character escaped.
        byte[] line = (request + "\n").getBytes(StandardCharsets.UTF_8);
        JsonObject answer = ask(line, new byte[0], requestTimeout);
        if (answer.has("error")) {
            throw new ModelLoadException(file, "the native tokenizer failed on a text ("
                    + Excerpt.message(string(answer, "error"), 160) + "); it runs in a child process because the"
                    + " file has " + why, "use the model's own tokenizer.json");
        }
        return answer;
    }

    /** Sends {@code head} and {@code body}, and waits for one answer line within {@code timeout}. */
    private JsonObject ask(byte[] head, byte[] body, Duration timeout) {
        if (failed != null) {
            throw failed;
        }
        String line;
        try {
            // The child read the whole previous request before answering it, so the pipe is empty: a
            // short request fits its buffer and is written here. A long one (the file itself) is written
            // beside, since a child that hangs stops reading and a write into a full pipe would wait for
            // it with no timeout. A write that fails means the child died; the answers then end, and its
            // exit status says how.
            Runnable write = () -> {
                try {
                    requests.write(head);
                    requests.write(body);
                    requests.flush();
                } catch (IOException e) {
                    child.destroyForcibly();
                }
            };
            if (head.length + body.length <= PIPE_BYTES) {
                write.run();
            } else {
                daemon("tokenizer-child-stdin", write);
            }
            line = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail("was interrupted", e);
        }
        if (line == null) {
            throw fail("did not answer within " + timeout.toSeconds() + " s (it hangs on this file)", null);
        }
        if (line == END) {
            throw fail(crashed(), null);
        }
        try {
            return JsonParser.parseString(line).getAsJsonObject();
        } catch (RuntimeException e) {
            throw fail("answered what is not a line of its protocol", e);
        }
    }

    /** What the child's death looks like: its exit status and the panic's message, escaped and short. */
    private String crashed() {
        int exit;
        try {
            exit = child.waitFor(5, TimeUnit.SECONDS) ? child.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = -1;
        }
        String panic;
        synchronized (stderrTail) {
            panic = panicMessage(stderrTail.toString());
        }
        return "crashed (exit " + (exit < 0 ? "unknown" : exit) + (panic.isEmpty() ? "" : ": " + panic) + ")";
    }

    /** A Rust panic prints "thread ... panicked at FILE:LINE:COL:" and its message on the next line. */
    static String panicMessage(String stderr) {
        List<String> lines = stderr.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("panicked at")) {
                String message = i + 1 < lines.size() ? lines.get(i + 1) : lines.get(i);
                return Excerpt.message(message, 160);
            }
        }
        return "";
    }

    /** Kills the child and remembers why, so that no later call waits on it again. */
    private ModelLoadException fail(String what, Throwable cause) {
        child.destroyForcibly();
        failed = new ModelLoadException(file, "the native tokenizer " + what + "; it ran in a child process"
                + " because the file has " + why, "use the model's own tokenizer.json (SECURITY.md, tokenizer.json,"
                + " says what runs in a child process)", cause);
        return failed;
    }

    private void readAnswers(InputStream in) {
        try (in) {
            String line;
            while ((line = TokenizerLines.read(in, Limits.TOKENIZER_LINE_BYTES)) != null) {
                answers.add(line);
            }
        } catch (IOException e) {
            // over the bound, or the pipe broke: either way no more answers
        }
        answers.add(END);
    }

    /** Keeps the last few KB of the child's stderr (the library's logging, a panic's message). */
    private void keepTail(InputStream in) {
        byte[] buffer = new byte[4096];
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                synchronized (stderrTail) {
                    stderrTail.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    if (stderrTail.length() > 8192) {
                        stderrTail.delete(0, stderrTail.length() - 8192);
                    }
                }
            }
        } catch (IOException e) {
            // the child is gone
        }
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }
}
