package cniadvisor.io;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a batch input one record at a time, never holding more than {@code maxChars} of one: JSON Lines line by line,
 * CSV row by row (a quoted cell may hold commas and line breaks, and {@code ""} stands for a quote in it). A record
 * over the limit comes back as {@link Line#tooLong()}, its text dropped, and reading goes on after its end; when no
 * end comes within {@link InputLimits#SKIP_CHARS} more, the input ends there ({@link Line#endsInput()}). Line breaks
 * are {@code \n}, {@code \r\n} or a lone {@code \r}.
 */
final class LineReader {

    /**
     * One record.
     *
     * @param cells          CSV: the cells; JSON Lines: one cell, the line
     * @param line           the line it starts on (1-based)
     * @param tooLong        longer than the limit: {@code cells} is empty
     * @param unclosedQuote  CSV: the input ended inside a quoted cell
     * @param endsInput      nothing after it is read: no line end within the skip limit, or an unclosed quote
     */
    record Line(List<String> cells, int line, boolean tooLong, boolean unclosedQuote, boolean endsInput) {
        String text() {
            return cells.isEmpty() ? "" : cells.get(0);
        }
    }

    private enum State { CELL_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private final Reader in;
    private final boolean csv;
    private final int maxChars;
    private final char[] buffer = new char[1 << 14];
    private int position;
    private int limit;
    /** The line the next character is on. */
    private int lineNumber = 1;
    private boolean ended;
    /** A '\r' was the last character: a '\n' right after it belongs to the same line break. */
    private boolean afterCarriageReturn;

    LineReader(Reader in, boolean csv, int maxChars) {
        this.in = in;
        this.csv = csv;
        this.maxChars = maxChars;
    }

    /** The next record, or null at the end of the input. */
    Line next() throws IOException {
        if (ended) {
            return null;
        }
        int startLine = lineNumber;
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        State state = State.CELL_START;
        long length = 0;
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            int c = read();
            if (c < 0) {
                ended = true;
                if (!any) {
                    return null;
                }
                if (state == State.QUOTED) {
                    return new Line(List.of(), startLine, false, true, true);
                }
                break;
            }
            boolean lineBreak = c == '\n' || c == '\r';
            if (lineBreak) {
                boolean secondHalf = c == '\n' && afterCarriageReturn;
                afterCarriageReturn = c == '\r';
                if (secondHalf && state != State.QUOTED) {
                    continue; // the '\n' of the "\r\n" that ended the record before: this record starts after it
                }
                any = true;
                if (!secondHalf) {
                    lineNumber++;
                }
                if (state != State.QUOTED) {
                    break; // the end of the record
                }
            } else {
                afterCarriageReturn = false;
                any = true;
            }
            length++;
            if (length > maxChars && !tooLong) {
                tooLong = true;
                cells.clear();
                cell.setLength(0);
            }
            if (tooLong && length > maxChars + InputLimits.SKIP_CHARS) {
                ended = true;
                return new Line(List.of(), startLine, true, state == State.QUOTED, true);
            }
            if (!csv) {
                if (!tooLong) {
                    cell.append((char) c);
                }
                continue;
            }
            switch (state) {
                case CELL_START -> {
                    if (c == '"') {
                        state = State.QUOTED;
                    } else if (c == ',') {
                        endCell(cells, cell, tooLong);
                    } else {
                        state = State.UNQUOTED;
                        append(cell, c, tooLong);
                    }
                }
                case UNQUOTED -> {
                    if (c == ',') {
                        endCell(cells, cell, tooLong);
                        state = State.CELL_START;
                    } else {
                        append(cell, c, tooLong);
                    }
                }
                case QUOTED -> {
                    if (c == '"') {
                        state = State.QUOTE_IN_QUOTED;
                    } else {
                        append(cell, c, tooLong);
                    }
                }
                case QUOTE_IN_QUOTED -> {
                    if (c == '"') {
                        append(cell, c, tooLong); // "" is a quote inside a quoted cell
                        state = State.QUOTED;
                    } else if (c == ',') {
                        endCell(cells, cell, tooLong);
                        state = State.CELL_START;
                    } else {
                        append(cell, c, tooLong); // text after the closing quote is kept as it is
                        state = State.UNQUOTED;
                    }
                }
            }
        }
        if (tooLong) {
            return new Line(List.of(), startLine, true, false, false);
        }
        cells.add(cell.toString());
        return new Line(cells, startLine, false, false, false);
    }

    private static void append(StringBuilder cell, int c, boolean dropping) {
        if (!dropping) {
            cell.append((char) c);
        }
    }

    private static void endCell(List<String> cells, StringBuilder cell, boolean dropping) {
        if (!dropping) {
            cells.add(cell.toString());
        }
        cell.setLength(0);
    }

    private int read() throws IOException {
        if (position == limit) {
            limit = in.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[position++];
    }
}
