package io.kubelpa.analyze;

import io.kubelpa.job.ScratchStore;
import io.kubelpa.usage.UsageReport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.AbstractSequentialList;
import java.util.List;
import java.util.ListIterator;
import java.util.NoSuchElementException;
import org.rocksdb.RocksIterator;

/**
 * An analysis's dead letters on local disk, read back in their listing order (by file, then position,
 * see {@link UsageReport.DeadLetter}), so that a log of millions of bad records does not fill the heap.
 * Deleted when closed.
 */
final class DeadLetterSpool implements AutoCloseable {
    private final ScratchStore store;
    private long count;

    DeadLetterSpool(Path parent) throws IOException {
        store = new ScratchStore(parent, "dead-letters");
    }

    void add(UsageReport.DeadLetter letter) throws IOException {
        byte[] key = ScratchStore.withNumber(
                ScratchStore.withNumber(ScratchStore.sortable(letter.file()), letter.position() + 1), count);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (String text : new String[] {letter.location(), letter.reason(), letter.detail()}) {
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                out.writeInt(utf8.length);
                out.write(utf8);
            }
        }
        store.put(key, bytes.toByteArray());
        count++;
    }

    /** The dead letters as a read-only list that reads the disk on each pass (forward only). */
    List<UsageReport.DeadLetter> asList() {
        return new AbstractSequentialList<>() {
            @Override
            public ListIterator<UsageReport.DeadLetter> listIterator(int index) {
                Reader reader = new Reader();
                for (int i = 0; i < index; i++) {
                    reader.next();
                }
                return reader;
            }

            @Override
            public int size() {
                return (int) Math.min(Integer.MAX_VALUE, count);
            }
        };
    }

    private UsageReport.DeadLetter letter(byte[] value) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            String[] texts = new String[3];
            for (int i = 0; i < texts.length; i++) {
                texts[i] = new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
            }
            return new UsageReport.DeadLetter(texts[0], texts[1], texts[2]);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable dead letter in " + store.dir(), e);
        }
    }

    /** Forward through the store; the RocksDB iterator is released at the end (or with the store). */
    private final class Reader implements ListIterator<UsageReport.DeadLetter> {
        private RocksIterator iterator = store.iterator();
        private int index;

        Reader() {
            iterator.seekToFirst();
            releaseIfDone();
        }

        @Override
        public boolean hasNext() {
            return iterator != null;
        }

        @Override
        public UsageReport.DeadLetter next() {
            if (iterator == null) {
                throw new NoSuchElementException();
            }
            UsageReport.DeadLetter letter = letter(iterator.value());
            iterator.next();
            index++;
            releaseIfDone();
            return letter;
        }

        private void releaseIfDone() {
            if (!iterator.isValid()) {
                store.release(iterator);
                iterator = null;
            }
        }

        @Override
        public int nextIndex() {
            return index;
        }

        @Override
        public boolean hasPrevious() {
            return false;
        }

        @Override
        public UsageReport.DeadLetter previous() {
            throw new UnsupportedOperationException("dead letters are read forward only");
        }

        @Override
        public int previousIndex() {
            return index - 1;
        }

        @Override
        public void remove() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void set(UsageReport.DeadLetter letter) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void add(UsageReport.DeadLetter letter) {
            throw new UnsupportedOperationException();
        }
    }

    @Override
    public void close() throws IOException {
        store.close();
    }
}
