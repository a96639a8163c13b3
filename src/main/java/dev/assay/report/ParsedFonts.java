package dev.assay.report;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The layout's TrueType fonts parsed once and lent to one document at a time: parsing DejaVu Sans again
 * for every PDF (and again for its signature block) was a third of the time a report's PDF took. A
 * document subsets its fonts when it is saved, reading the parsed font, so a font is lent until its
 * document is saved and closed; documents rendered at once each borrow their own (a parsed font is not
 * thread-safe), so the pool holds at most as many copies as PDFs were ever rendered at once. PDFBox
 * leaves a font it was given parsed open ({@code PDType0Font.load(doc, ttf, true)}), and what it
 * embeds is the same subset as from the font file.
 */
final class ParsedFonts implements AutoCloseable {

    /** Idle parsed fonts by the font file they were parsed from (by identity: the layout's own arrays). */
    private static final Map<byte[], Deque<TrueTypeFont>> IDLE = new ConcurrentHashMap<>();

    private final List<Map.Entry<byte[], TrueTypeFont>> lent = new ArrayList<>();

    /** A parsed copy of {@code file}, this lease's until it is closed. */
    TrueTypeFont borrow(byte[] file) throws IOException {
        TrueTypeFont font = IDLE.computeIfAbsent(file, f -> new ConcurrentLinkedDeque<>()).poll();
        if (font == null) {
            font = new TTFParser().parse(new RandomAccessReadBuffer(file));
        }
        lent.add(Map.entry(file, font));
        return font;
    }

    /** Gives the fonts back: call once the documents that use them are saved. */
    @Override
    public void close() {
        lent.forEach(e -> IDLE.get(e.getKey()).push(e.getValue()));
        lent.clear();
    }
}
