package io.smartcloudops.aws.s3;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** SHA-256 of a byte array, in the two spellings S3 and we use: hex (our metadata) and base64 (S3's header). */
record Sha256(byte[] digest) {
    static Sha256 of(byte[] data) {
        try {
            return new Sha256(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    String hex() {
        return HexFormat.of().formatHex(digest);
    }

    String base64() {
        return Base64.getEncoder().encodeToString(digest);
    }
}
