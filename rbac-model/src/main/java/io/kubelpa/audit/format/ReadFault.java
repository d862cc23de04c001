package io.kubelpa.audit.format;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.zip.ZipException;

/**
 * A file that could not be read to its end: one dead letter ({@value #REASON}) naming it and why in
 * one line, instead of an aborted run. What was read before the fault counts as read.
 */
public final class ReadFault {
    public static final String REASON = "unreadable-file";
    /** Why an entry of a log folder that is no regular file is not read (opening a FIFO would block). */
    public static final String NOT_A_FILE = "not a regular file (a dangling link, FIFO, socket or device); not read";

    private ReadFault() {}

    /** Why reading failed, in a few words (the file is named by the dead letter's location). */
    public static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file (removed while being read?)";
        }
        if (e instanceof EOFException || e instanceof ZipException) {
            return "truncated or corrupt compressed data (" + oneLine(e.getMessage())
                    + "); records before it were read";
        }
        return oneLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                + "; records before it were read";
    }

    /** A raw record standing for an entry that is no regular file: its decoding is the dead letter. */
    public static RawRecord notAFile(String location) {
        return new RawRecord(
                location, NOT_A_FILE.getBytes(java.nio.charset.StandardCharsets.UTF_8), RawRecord.UNREADABLE);
    }

    /** A raw record standing for the fault: its decoding is the dead letter. */
    public static RawRecord record(String location, IOException e) {
        return new RawRecord(
                location, describe(e).getBytes(java.nio.charset.StandardCharsets.UTF_8), RawRecord.UNREADABLE);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("").strip();
    }
}
