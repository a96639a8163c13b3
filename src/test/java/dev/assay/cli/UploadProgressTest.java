package dev.assay.cli;

import dev.assay.infrastructure.Hashing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The upload's progress as drawn, on a clock the test moves; and the file body that feeds it. */
class UploadProgressTest {

    private static final long MIB = 1L << 20;

    @TempDir
    Path dir;

    @Test
    void inALogOneLinePerTenthThenWhatTheServerIsDoing() {
        StringWriter err = new StringWriter();
        AtomicLong now = new AtomicLong(0);
        UploadProgress p = new UploadProgress(new PrintWriter(err), 100 * MIB, false, now::get);
        p.start();
        for (int i = 0; i < 100; i++) {
            now.addAndGet(50_000_000L);
            p.advance(MIB);
        }
        p.finish();
        StringBuilder expected = new StringBuilder();
        for (int tenth = 1; tenth < 10; tenth++) {
            expected.append("upload: ").append(tenth * 10).append("% (").append(tenth * 10).append(".0 MiB of 100.0 MiB)\n");
        }
        expected.append("upload: 100% (100.0 MiB of 100.0 MiB)\n");
        expected.append("sent 100.0 MiB in 5.0 s; the server is checking the file\n");
        assertEquals(expected.toString(), err.toString());
    }

    @Test
    void onATerminalOneBarRedrawnAtMostFiveTimesASecond() {
        StringWriter err = new StringWriter();
        AtomicLong now = new AtomicLong(1_000_000_000L);
        UploadProgress p = new UploadProgress(new PrintWriter(err), 40 * MIB, true, now::get);
        p.start();
        p.advance(10 * MIB);                       // drawn: the first
        now.addAndGet(100_000_000L);
        p.advance(10 * MIB);                       // 0.1 s later: not drawn
        now.addAndGet(100_000_000L);
        p.advance(0);                              // 0.2 s after the first: drawn
        now.addAndGet(800_000_000L);
        p.advance(20 * MIB);
        p.finish();
        assertEquals("\r[=======>                      ]  25%  10.0 MiB of 40.0 MiB"
                + "\r[==============>               ]  50%  20.0 MiB of 40.0 MiB  100.0 MiB/s"
                + "\r[==============================] 100%  40.0 MiB of 40.0 MiB  40.0 MiB/s"
                + "\r[==============================] 100%  40.0 MiB of 40.0 MiB  40.0 MiB/s\n"
                + "sent 40.0 MiB in 1.0 s; the server is checking the file\n", err.toString());
    }

    @Test
    void sizesInBinaryUnits() {
        assertEquals("0 B", UploadProgress.size(0));
        assertEquals("1023 B", UploadProgress.size(1023));
        assertEquals("1.0 KiB", UploadProgress.size(1024));
        assertEquals("1.5 KiB", UploadProgress.size(1536));
        assertEquals("262.6 MiB", UploadProgress.size((long) (262.6 * MIB)));
        assertEquals("16.0 GiB", UploadProgress.size(16L << 30));
    }

    @Test
    void theFileBodyStreamsTheFileCountsItAndHashesItAgainOnEverySubscription() throws Exception {
        byte[] data = new byte[3 * (1 << 16) + 123];
        new Random(7).nextBytes(data);
        Path file = Files.write(dir.resolve("eval.parquet"), data);
        StringWriter err = new StringWriter();
        UploadProgress progress = new UploadProgress(new PrintWriter(err), data.length, false, () -> 0L);
        FileBody body = new FileBody(file, progress);
        assertEquals(data.length, body.contentLength());
        for (int round = 0; round < 2; round++) {
            assertArrayEquals(data, drain(body), "round " + round);
            assertEquals(Hashing.sha256Hex(data), body.sha256Hex(), "round " + round);
        }
        assertEquals(2, err.toString().split("upload: 100%", -1).length - 1, "finished once per round: " + err);
    }

    /** What an HTTP client subscribing to the body receives. */
    private static byte[] drain(FileBody body) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        body.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.get(30, TimeUnit.SECONDS);
        return bytes.toByteArray();
    }
}
