package io.github.driftclaims.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The isolated tokenizer's protocol is lines of UTF-8 both ways; this reads one, bounded, on either end. */
final class TokenizerLines {

    private TokenizerLines() {}

    /**
     * One line of UTF-8 without its newline, null at the end of input, an IOException past
     * {@code maxBytes}: used on both ends of the protocol, so neither reads an unbounded line.
     */
    static String read(InputStream in, int maxBytes) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (line.size() >= maxBytes) {
                throw new IOException("a line of the tokenizer protocol is longer than " + maxBytes + " bytes");
            }
            line.write(b);
        }
        return b < 0 && line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }
}
