package io.github.driftclaims.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvTest {

    @Test
    void quotesOnlyWhenNeededAndKeepsFullFloatPrecision() {
        Csv csv = Csv.withHeader("head", "token", "drift")
                .row("L1H6", "a,b", 0.1f)
                .row("L1H7", "say \"hi\"", 1.0 / 3)
                .row("L0H0", " X", null)
                .row("L0H1", "two\nlines", 1.0e-7f);
        Evidence.attachCsv("sample", csv);

        assertThat(csv.toString()).isEqualTo(
                "head,token,drift\n"
                + "L1H6,\"a,b\",0.1\n"
                + "L1H7,\"say \"\"hi\"\"\",0.3333333333333333\n"
                + "L0H0,\" X\",\n"
                + "L0H1,\"two\nlines\",1.0E-7\n");
        assertThat(csv.rowCount()).isEqualTo(4);
    }

    @Test
    void rejectsRowsOfTheWrongWidth() {
        assertThatThrownBy(() -> Csv.withHeader("a", "b").row(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 values for 2 columns");
    }
}
