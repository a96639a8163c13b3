package dev.assay.alert;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The signature header of a delivery, {@code Assay-Signature: t=<unix seconds>,v1=<hex>}, where the hex is
 * HMAC-SHA256 under the receiver's secret of {@code <t>.<body>} (the scheme of Stripe's webhooks). The time
 * inside the signed text lets a receiver refuse replays older than it tolerates (five minutes, say).
 */
public final class Signature {

    public static final String HEADER = "Assay-Signature";

    private Signature() {
    }

    /** The header value for {@code body} sent at {@code unixSeconds}. */
    public static String header(String secret, long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",v1=" + hmac(secret, unixSeconds, body);
    }

    /** What a receiver does: recompute and compare in constant time. False for a malformed header. */
    public static boolean verify(String secret, String header, byte[] body) {
        long t;
        String v1 = null;
        try {
            String[] parts = header.split(",");
            t = Long.parseLong(parts[0].substring(parts[0].indexOf("t=") == 0 ? 2 : parts[0].length()));
            for (String p : parts) {
                if (p.startsWith("v1=")) {
                    v1 = p.substring(3);
                }
            }
        } catch (RuntimeException e) {
            return false;
        }
        return v1 != null && MessageDigest.isEqual(v1.getBytes(StandardCharsets.US_ASCII),
                hmac(secret, t, body).getBytes(StandardCharsets.US_ASCII));
    }

    private static String hmac(String secret, long unixSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
