package io.github.driftclaims.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Shared bits of the SVG writers: escaping, number formatting, colours. */
final class Svg {

    static final String FONT = "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\"";

    private Svg() {}

    /**
     * Opens a chart: the root element of {@code width} x {@code height} in the charts' font, its title (what a
     * browser shows on hover and a screen reader reads) and a white background.
     */
    static StringBuilder open(StringBuilder svg, int width, int height, String title) {
        return svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" ")
                .append(FONT).append(">\n<title>").append(escape(title)).append("</title>\n")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    }

    /**
     * Escapes text for an XML element body or attribute value. Characters XML 1.0 cannot carry at all
     * (most C0 controls, lone surrogates) become U+FFFD rather than producing a document that no
     * parser accepts; tokenizers do emit such bytes.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\t', '\n', '\r' -> out.append("&#").append((int) c).append(';');
                default -> {
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
                        out.append('\uFFFD');
                    } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Fixed-point with a dot whatever the default locale is: SVG and readers expect "0.5", never "0,5". */
    static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Three significant digits, no exponent: short enough for a bar label, exact enough to compare bars. */
    static String short3(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    static String rgb(int r, int g, int b) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }
}
