package io.github.driftclaims.hub;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 helpers; LFS etags on the hub are the SHA-256 of the file, so this is our integrity check. */
final class Hashes {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private Hashes() {
    }

    static boolean isSha256Hex(String value) {
        return value != null && SHA256_HEX.matcher(value).matches();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    /**
     * The SHA-256 of a file of at most {@code limit} bytes (the limit its reader puts on it, described for
     * messages by {@code limitText}, as {@code Limits.named} or {@code HubLimits.named} write it): the size is
     * checked before a byte is hashed, and no more than the
     * limit is ever read, should the file grow meanwhile. A 64 GiB sparse blob is refused at once.
     */
    static String sha256Hex(Path file, long limit, String limitText) {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[1 << 16];
        try {
            long size = Files.size(file);
            if (size > limit) {
                throw tooLarge(file, size, limitText);
            }
            long read = 0;
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    read += n;
                    if (read > limit) {
                        throw tooLarge(file, read, limitText);
                    }
                    digest.update(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            throw new HubException("Cannot read " + file + " to compute its SHA-256 (" + e.getMessage()
                    + "). Check the file permissions, or delete it and fetch the model again.", e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static HubException tooLarge(Path file, long size, String limitText) {
        return new HubException("The cached file " + file + " is " + size + " bytes, more than "
                + limitText + ", so it is not the file expected here. Delete it and fetch"
                + " the model again.");
    }
}
