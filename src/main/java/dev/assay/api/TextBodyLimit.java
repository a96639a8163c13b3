package dev.assay.api;

import dev.assay.failure.TooLarge;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Bounds every request body the API reads whole into memory as text (model cards, policy packs, the
 * JSON bodies of audits, tokens, users, waivers): at most {@link #MAX_BYTES}, else 413 before any of
 * it is parsed. Dataset uploads are streams, bounded by {@code assay.max.upload.bytes} instead.
 */
@Provider
public class TextBodyLimit implements ReaderInterceptor {

    /**
     * Bytes of a text body: four times {@code Yaml.MAX_CHARS} characters' worth of ASCII, room for a
     * card or pack of a megabyte of characters in any script, far below what would strain the heap.
     */
    public static final int MAX_BYTES = 4 << 20;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (context.getType() == String.class) {
            context.setInputStream(new ByteArrayInputStream(bounded(context.getInputStream())));
        }
        return context.proceed();
    }

    /** The whole stream, or TooLarge as soon as it passes the bound (the rest is not read). */
    static byte[] bounded(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) > 0; ) {
            if (out.size() + n > MAX_BYTES) {
                throw new TooLarge("The body is larger than " + MAX_BYTES + " bytes; a model card, policy pack or request"
                        + " body must be smaller");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
