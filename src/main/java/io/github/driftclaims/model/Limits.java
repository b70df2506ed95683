package io.github.driftclaims.model;

/**
 * Every hard limit the loaders put on a model file, stated once. Model files come from the internet:
 * each number here bounds what a hostile or corrupt file can make the loader allocate, inflate or
 * iterate, and every refusal names the limit it hit (see SECURITY.md).
 *
 * <p>Each limit sits well above what a real attention-only checkpoint needs (attn-only-2l: a 3 KB
 * pickle of about 300 opcodes, a 3 KB safetensors header, tensors of at most 99 MB).
 */
public final class Limits {

    private Limits() {}

    /** Bytes of a safetensors JSON header; the reference reader's own limit is 100 MB. */
    public static final long SAFETENSORS_HEADER_BYTES = 100L * 1024 * 1024;

    /** Tensors in one checkpoint (header entries or pickled tensors). */
    public static final int TENSORS = 100_000;

    /** Dimensions of one tensor. */
    public static final int TENSOR_DIMS = 8;

    /** Bytes of one tensor as float32: a Java buffer addresses at most 2^31 - 1 bytes. */
    public static final long TENSOR_BYTES = Integer.MAX_VALUE;

    /**
     * How many times its own element count a non-contiguous tensor (a transposed or sliced view) may
     * span in its storage: such a tensor is gathered from a temporary copy of that span, so the span
     * bounds the temporary. Real views (transposes, thirds of a fused QKV) span at most 3 times.
     */
    public static final int VIEW_SPAN_FACTOR = 4;

    /** Bytes of a checkpoint's {@code data.pkl}. */
    public static final int PICKLE_BYTES = 16 * 1024 * 1024;

    /** Opcodes the unpickler executes. */
    public static final long PICKLE_OPCODES = 1_000_000;

    /** Bytes of one text opcode's line (a GLOBAL's module and name, an INT or LONG literal). */
    public static final int PICKLE_LINE_BYTES = 4096;

    /** Entries on the unpickler's stack, marks included. */
    public static final int PICKLE_STACK = 100_000;

    /** Entries in the unpickler's memo. */
    public static final int PICKLE_MEMO = 100_000;

    /**
     * Bytes of config.json and of every other JSON file read from a model directory
     * (tokenizer_config.json, model-card.json, training.json); tokenizer.json has its own limit.
     */
    public static final int CONFIG_BYTES = 1024 * 1024;

    /**
     * Bytes of tokenizer.json, read by the loader (never by the tokenizer library from disk) and
     * handed over whole; GPT-2's and GPT-NeoX's are 1.4 and 2.1 MB, the largest on the Hub about 33 MB.
     */
    public static final int TOKENIZER_BYTES = 32 * 1024 * 1024;

    /**
     * Seconds a child process that runs an unverified tokenizer.json ({@link IsolatedTokenizer}) may
     * take to start and load it: a JVM start (1-2 s) and the library's parse of up to
     * {@link #TOKENIZER_BYTES}, on a busy machine.
     */
    public static final int TOKENIZER_CHILD_START_SECONDS = 60;

    /** Seconds that child may take to answer one request (milliseconds when it works; see SECURITY.md). */
    public static final int TOKENIZER_REQUEST_SECONDS = 10;

    /** Heap of that child, in MB: it holds the file's bytes and one request at a time. */
    public static final int TOKENIZER_CHILD_HEAP_MB = 128;

    /**
     * Characters of a text sent to that child in one request, and bytes of one line of its protocol:
     * the suite's prompts are a few hundred characters, and an answer is at most a few tens of bytes
     * per character (an id and an escaped token string).
     */
    public static final int TOKENIZER_TEXT_CHARS = 1 << 18;
    public static final int TOKENIZER_LINE_BYTES = 64 * TOKENIZER_TEXT_CHARS;

    /** Nesting depth of objects and arrays in a JSON document the model loader reads. */
    public static final int JSON_DEPTH = 64;

    /** Largest value of each config.json integer; products of them are bounded by {@link #MODEL_BYTES}. */
    public static final int D_MODEL = 1 << 16;
    public static final int N_LAYERS = 1024;
    public static final int D_HEAD = 1 << 14;
    public static final int N_HEADS = 1 << 12;
    public static final int N_CTX = 1 << 20;
    public static final int D_VOCAB = 1 << 22;

    /** Bytes of all the parameters a config implies, as float32. */
    public static final long MODEL_BYTES = 64L * 1024 * 1024 * 1024;

    /**
     * Sequences the largest probe of a run holds (all 20 orderings of XXXYYY) and tokens each may have
     * (the notebook's prompts are 9; the later cells' up to 16): the two run-side factors of
     * {@link #SWEEP_FLOATS}'s estimate.
     */
    public static final int SWEEP_SEQUENCES = 20;
    public static final int SWEEP_TOKENS = 16;

    /**
     * Floats the single-head sweep may hold, estimated from config.json before anything is loaded:
     * (n_layers x n_heads + 1) settings x {@link #SWEEP_SEQUENCES} x (d_vocab + {@link #SWEEP_TOKENS} x
     * (d_model + n_heads x (d_head + SWEEP_TOKENS))), the logits and one layer's activations of every
     * row. 2^29 floats (2 GiB); attn-only-2l needs 23 million. The per-file limits alone let a 17 MB
     * checkpoint of 128 layers x 128 heads through, whose sweep ran out of memory.
     */
    public static final long SWEEP_FLOATS = 1L << 29;

    /** "the limit NAME (value)", for messages. */
    public static String named(String name, long value) {
        return "the limit Limits." + name + " (" + value + ")";
    }
}
