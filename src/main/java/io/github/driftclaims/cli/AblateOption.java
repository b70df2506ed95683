package io.github.driftclaims.cli;

import io.github.driftclaims.UserInputException;
import io.github.driftclaims.interp.Ablation;
import io.github.driftclaims.interp.Head;
import io.github.driftclaims.model.ModelConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --ablate L.H,...}: the heads to zero, on the commands that let the user choose them. */
final class AblateOption {

    @Option(names = "--ablate", paramLabel = "L.H", split = ",", converter = HeadConverter.class,
            description = "Ablate these heads (together), e.g. 1.6,0.3.")
    List<Head> heads = new ArrayList<>();

    /** Before the model loads: each head named once. */
    void check(CommandSpec spec) {
        Set<Head> seen = new HashSet<>();
        for (Head h : heads) {
            if (!seen.add(h)) {
                throw invalid(spec, "lists " + h.layer() + "." + h.head() + " twice; name each head once");
            }
        }
    }

    /** After: each head is one of the model's. */
    void checkAgainst(CommandSpec spec, ModelConfig c) {
        for (Head h : heads) {
            try {
                Ablation.check(c, h);
            } catch (IllegalArgumentException e) {
                throw invalid(spec, e.getMessage() + "; its heads are 0.0 to " + (c.nLayers() - 1) + "."
                        + (c.nHeads() - 1));
            }
        }
    }

    private static ParameterException invalid(CommandSpec spec, String problem) {
        return new ParameterException(spec.commandLine(), "Invalid value for option '--ablate': " + problem);
    }

    /** {@code --ablate}'s values; {@link Head#parse} says what a head looks like. */
    static final class HeadConverter implements CommandLine.ITypeConverter<Head> {
        @Override
        public Head convert(String value) {
            try {
                return Head.parse(value);
            } catch (UserInputException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
