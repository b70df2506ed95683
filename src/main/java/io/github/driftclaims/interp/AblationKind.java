package io.github.driftclaims.interp;

import io.github.driftclaims.UserInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a head's {@code hook_z} is replaced with when the head is ablated. The notebook zeroes it; zero is not a
 * value a head ever outputs, and conclusions can flip between zero, mean and resample ablation (Heimersheim and
 * Nanda, "How to use and interpret activation patching", 2024), so the suite runs every experiment under each kind.
 * The reference distribution is part of the kind, and so part of every result measured with it.
 */
public sealed interface AblationKind permits AblationKind.Zero, AblationKind.Mean, AblationKind.Resample {

    /** Which of the three kinds this is, for code that needs the kind but not its reference (the rules). */
    Id kindId();

    /** "zero", "mean" or "resample", as the claims and tables name it. */
    default String id() {
        return kindId().text();
    }

    /** What z is replaced with, in words, with the reference distribution. */
    String reference();

    /** Forward rows per stimulus: one, or one per resample (their readouts are averaged). */
    default int samples() {
        return 1;
    }

    /** The notebook's: z = 0, so the head adds nothing but what weight processing folded into b_O. */
    record Zero() implements AblationKind {
        @Override
        public Id kindId() {
            return Id.ZERO;
        }

        @Override
        public String reference() {
            return "z = 0";
        }
    }

    /**
     * The head's mean z at each position over a reference set of prompts of the stimuli's shape: it keeps what the
     * head writes on average there and removes what depends on the ordering.
     *
     * @param name the reference set in words
     */
    record Mean(String name, List<Stimulus> distribution) implements AblationKind {
        public Mean {
            distribution = List.copyOf(distribution);
            if (distribution.isEmpty()) {
                throw new IllegalArgumentException("mean ablation needs a reference distribution");
            }
        }

        @Override
        public Id kindId() {
            return Id.MEAN;
        }

        @Override
        public String reference() {
            return "per-position mean z over " + name;
        }
    }

    /**
     * z taken from the same head on another prompt of the same shape, drawn (seeded) from {@code pool} excluding the
     * stimulus itself, once per resample; the readouts are averaged over the resamples. One source prompt per row
     * supplies every ablated head of that row.
     */
    record Resample(String name, List<Stimulus> pool, int resamples, long seed) implements AblationKind {
        public Resample {
            pool = List.copyOf(pool);
            if (pool.size() < 2 || resamples < 1) {
                throw new IllegalArgumentException("resample ablation needs a pool of two or more prompts and at least "
                        + "one resample: " + pool.size() + " prompts, " + resamples + " resamples");
            }
        }

        @Override
        public Id kindId() {
            return Id.RESAMPLE;
        }

        @Override
        public String reference() {
            return "z from another of " + name + ", " + resamples + " resamples (seed " + seed + ") averaged";
        }

        @Override
        public int samples() {
            return resamples;
        }
    }

    /** The reference set of both mean and resample ablation: the 20 orderings of 3 X and 3 Y. */
    String ORDERINGS_3X3Y = "the 20 orderings of 3X/3Y";

    int RESAMPLES = 10;
    long RESAMPLE_SEED = 15;

    /** The three kinds, in the order the claims and tables list them, without their reference distributions. */
    enum Id {
        ZERO, MEAN, RESAMPLE;

        /** "zero", "mean" or "resample". */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind named {@code text}; a name that is none of {@link #IDS} is bad user input. */
        public static Id of(String text) {
            for (Id id : values()) {
                if (id.text().equals(text)) {
                    return id;
                }
            }
            throw new UserInputException("unknown ablation kind '" + text + "'; one of " + IDS);
        }
    }

    /** The three kinds' ids, in the order the claims and tables list them. */
    List<String> IDS = Arrays.stream(Id.values()).map(Id::text).toList();

    /**
     * The kind {@code id} for prompts of {@code length} symbols, as the notebook's later cells need it: their prompts
     * are 1 to 10 symbols long with every count of X, so the 3X/3Y orderings cannot be their reference (the reference
     * must have the stimuli's shape, and a count with one ordering would have nothing to resample from). The
     * reference there is every X/Y string of the prompt's length (2^length: the fair-coin distribution, exactly),
     * for the mean and as the resample pool; the resample count and seed are the main experiment's.
     */
    static AblationKind sameLength(String id, int length) {
        return sameLength(Id.of(id), length);
    }

    /** {@link #sameLength(String, int)} for a kind already parsed. */
    static AblationKind sameLength(Id id, int length) {
        String name = "the " + (1 << length) + " X/Y strings of length " + length;
        return switch (id) {
            case ZERO -> new Zero();
            case MEAN -> new Mean(name, Stimulus.allStrings(length));
            case RESAMPLE -> new Resample(name, Stimulus.allStrings(length), RESAMPLES, RESAMPLE_SEED);
        };
    }

    /** The three kinds every claim of issue 15 runs under, in this order. */
    static List<AblationKind> standard() {
        return List.of(new Zero(), new Mean(ORDERINGS_3X3Y, Stimulus.allOrderingsOf3X3Y()),
                new Resample(ORDERINGS_3X3Y, Stimulus.allOrderingsOf3X3Y(), RESAMPLES, RESAMPLE_SEED));
    }
}
