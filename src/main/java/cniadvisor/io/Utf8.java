package cniadvisor.io;

import cniadvisor.render.Escape;

import java.io.BufferedWriter;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 output that never fails on text: Java strings can hold unpaired surrogates (JSON input can spell one as
 * {@code "\ud800"}), which UTF-8 cannot encode. {@code Files.newBufferedWriter} throws on them
 * (MalformedInputException) and would cost the whole report; here they become U+FFFD.
 */
public final class Utf8 {

    private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

    private Utf8() {
    }

    /** A UTF-8 encoder that writes U+FFFD for what it cannot encode. */
    static CharsetEncoder encoder() {
        return StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE).replaceWith(REPLACEMENT);
    }

    /** A buffered UTF-8 writer over {@code out} with the lenient encoder. */
    static BufferedWriter writer(OutputStream out) {
        return new BufferedWriter(new OutputStreamWriter(out, encoder()));
    }

    /**
     * A writer that passes text on with every unpaired surrogate replaced by U+FFFD, whatever encoding the writer
     * under it uses (standard output replaces them by '?'). A high surrogate at the end of one write waits for the
     * next, since a pair may be split between writes; one still waiting when closed becomes U+FFFD.
     */
    public static Writer wellFormed(Writer out) {
        return new FilterWriter(out) {
            private char pendingHigh;

            @Override
            public void write(int c) throws IOException {
                char ch = (char) c;
                if (pendingHigh != 0) {
                    char high = pendingHigh;
                    pendingHigh = 0;
                    if (Character.isLowSurrogate(ch)) {
                        out.write(high);
                        out.write(ch);
                        return;
                    }
                    out.write(Escape.REPLACEMENT);
                }
                if (Character.isHighSurrogate(ch)) {
                    pendingHigh = ch;
                } else {
                    out.write(Character.isLowSurrogate(ch) ? Escape.REPLACEMENT : ch);
                }
            }

            @Override
            public void write(char[] buf, int off, int len) throws IOException {
                int clean = off;
                int end = off + len;
                // the common case: no surrogate at all, written in one piece
                while (pendingHigh == 0 && clean < end && !Character.isSurrogate(buf[clean])) {
                    clean++;
                }
                if (clean > off) {
                    out.write(buf, off, clean - off);
                }
                for (int i = clean; i < end; i++) {
                    write(buf[i]);
                }
            }

            @Override
            public void write(String str, int off, int len) throws IOException {
                int clean = off;
                int end = off + len;
                while (pendingHigh == 0 && clean < end && !Character.isSurrogate(str.charAt(clean))) {
                    clean++;
                }
                if (clean > off) {
                    out.write(str, off, clean - off);
                }
                for (int i = clean; i < end; i++) {
                    write(str.charAt(i));
                }
            }

            @Override
            public void close() throws IOException {
                if (pendingHigh != 0) {
                    pendingHigh = 0;
                    out.write(Escape.REPLACEMENT);
                }
                super.close();
            }
        };
    }
}
