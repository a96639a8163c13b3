package dev.assay.cli;

import dev.assay.infrastructure.Hashing;

import java.io.FileNotFoundException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.Flow;

/**
 * A file as a request body: streamed from disk by the JDK's file publisher (never read into memory), and on its
 * way out counted for the {@link UploadProgress} (when there is one) and hashed, so the client can check that
 * the SHA-256 the server stored is that of the file it holds.
 */
final class FileBody implements HttpRequest.BodyPublisher {

    private final HttpRequest.BodyPublisher file;
    private final UploadProgress progress;
    private final MessageDigest sha256 = Hashing.sha256Digest();

    /** {@code progress} may be null (no progress shown). */
    FileBody(Path path, UploadProgress progress) throws FileNotFoundException {
        this.file = HttpRequest.BodyPublishers.ofFile(path);
        this.progress = progress;
    }

    @Override
    public long contentLength() {
        return file.contentLength();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        synchronized (sha256) {
            sha256.reset();
        }
        if (progress != null) {
            progress.start();
        }
        file.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(ByteBuffer item) {
                synchronized (sha256) {
                    sha256.update(item.duplicate());
                }
                if (progress != null) {
                    progress.advance(item.remaining());
                }
                subscriber.onNext(item);
            }

            @Override
            public void onError(Throwable throwable) {
                subscriber.onError(throwable);
            }

            @Override
            public void onComplete() {
                if (progress != null) {
                    progress.finish();
                }
                subscriber.onComplete();
            }
        });
    }

    /** The SHA-256 of the bytes sent, in lower-case hex: once the request is done. */
    String sha256Hex() {
        synchronized (sha256) {
            return HexFormat.of().formatHex(sha256.digest());
        }
    }
}
