package io.kubelpa.job;

import io.kubelpa.usage.InMemoryUsageLedger;
import io.kubelpa.usage.SubjectLedger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * A ledger in a scratch RocksDB on local disk, sorted by user name, read a subject at a time, so that
 * neither a streaming review nor {@code lpa analyze} holds more than one subject's usage on the heap
 * however many subjects there are (RocksDB's write buffer and block cache are bounded and off the
 * heap). Usage is only appended: parts of the same subject, grant and shape (partial sums of parallel
 * tasks) add up when the subject is read. The store is scratch data: it is deleted when closed, and
 * whoever filled it can fill it again.
 *
 * <p>A key is the user name, each UTF-16 unit as {@code 0x01, high byte, low byte}, then {@code 0x00},
 * then a sequence number: byte order is then the user names' {@link String} order (a shorter name
 * first), the same order as an in-memory ledger, and a subject's entries are contiguous whatever its
 * name holds.
 */
public final class ScratchLedger implements SubjectLedger, AutoCloseable {
    private static final long WRITE_BUFFER_BYTES = 16L << 20;
    private static final long BLOCK_CACHE_BYTES = 16L << 20;

    static {
        RocksDB.loadLibrary();
    }

    private final Path dir;
    private final LRUCache cache;
    private final Options options;
    private final WriteOptions writeOptions;
    private final RocksDB db;
    private final TypeSerializer<UsageFact> serializer = Types.POJO(UsageFact.class).createSerializer(new SerializerConfigImpl());
    private final DataOutputSerializer out = new DataOutputSerializer(256);
    private final List<RocksIterator> openIterators = new ArrayList<>();
    private final SubjectsView view = new SubjectsView();
    /** Distinct subjects, counted on first ask; -1 until then or after a write. */
    private long subjectCount = -1;
    private long nextSequence;

    /** A new, empty store in a folder of its own under {@code parent}. */
    public ScratchLedger(Path parent) throws IOException {
        Files.createDirectories(parent);
        dir = Files.createTempDirectory(parent, "lpa-ledger-");
        cache = new LRUCache(BLOCK_CACHE_BYTES);
        options = new Options().setCreateIfMissing(true).setWriteBufferSize(WRITE_BUFFER_BYTES).setMaxOpenFiles(256)
                .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache));
        // Scratch data: a crash loses nothing its filler cannot give again (a review's keyed state, a job's results).
        writeOptions = new WriteOptions().setDisableWAL(true);
        try {
            db = RocksDB.open(options, dir.toString());
        } catch (RocksDBException e) {
            closeOptions();
            deleteDirectory();
            throw new IOException("cannot open a scratch ledger in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Adds usage of a subject: to whatever usage of the same grant and shape it already has. */
    public void add(UsageFact fact) throws IOException {
        out.clear();
        serializer.serialize(fact, out);
        byte[] prefix = subjectPrefix(fact.username);
        byte[] key = Arrays.copyOf(prefix, prefix.length + Long.BYTES);
        long sequence = nextSequence++;
        for (int i = 0; i < Long.BYTES; i++) {
            key[prefix.length + i] = (byte) (sequence >>> (8 * (Long.BYTES - 1 - i)));
        }
        try {
            db.put(writeOptions, key, out.getCopyOfBuffer());
        } catch (RocksDBException e) {
            throw new IOException("cannot write the scratch ledger in " + dir + ": " + e.getMessage(), e);
        }
        subjectCount = -1;
    }

    @Override
    public Map<String, InMemoryUsageLedger.SubjectUsage> subjects() {
        return view;
    }

    static byte[] subjectPrefix(String username) {
        byte[] prefix = new byte[username.length() * 3 + 1];
        for (int i = 0; i < username.length(); i++) {
            char c = username.charAt(i);
            prefix[3 * i] = 1;
            prefix[3 * i + 1] = (byte) (c >>> 8);
            prefix[3 * i + 2] = (byte) c;
        }
        prefix[prefix.length - 1] = 0;
        return prefix;
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private RocksIterator iterator() {
        RocksIterator iterator = db.newIterator();
        openIterators.add(iterator);
        return iterator;
    }

    private void release(RocksIterator iterator) {
        if (openIterators.remove(iterator)) {
            iterator.close();
        }
    }

    /** The subject whose entries start where {@code iterator} is; leaves it on the next subject's first entry. */
    private Map.Entry<String, InMemoryUsageLedger.SubjectUsage> readSubject(RocksIterator iterator) {
        UsageFact first = fact(iterator.value());
        byte[] prefix = subjectPrefix(first.username);
        InMemoryUsageLedger one = new InMemoryUsageLedger();
        one.add(first.username, first.grant(), first.shape(), first.usage());
        iterator.next();
        while (iterator.isValid() && startsWith(iterator.key(), prefix)) {
            UsageFact fact = fact(iterator.value());
            one.add(fact.username, fact.grant(), fact.shape(), fact.usage());
            iterator.next();
        }
        return new AbstractMap.SimpleImmutableEntry<>(first.username, one.subjects().get(first.username));
    }

    private UsageFact fact(byte[] value) {
        try {
            return serializer.deserialize(new DataInputDeserializer(value));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable entry in the scratch ledger in " + dir, e);
        }
    }

    /** The store as a read-only sorted map; each visit reads from disk. */
    private final class SubjectsView extends AbstractMap<String, InMemoryUsageLedger.SubjectUsage> {
        @Override
        public Set<Entry<String, InMemoryUsageLedger.SubjectUsage>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, InMemoryUsageLedger.SubjectUsage>> iterator() {
                    return new SubjectIterator();
                }

                @Override
                public int size() {
                    return SubjectsView.this.size();
                }
            };
        }

        @Override
        public int size() {
            if (subjectCount < 0) {
                long count = 0;
                for (Iterator<?> i = new SubjectIterator(); i.hasNext(); i.next()) {
                    count++;
                }
                subjectCount = count;
            }
            return (int) Math.min(Integer.MAX_VALUE, subjectCount);
        }

        @Override
        public boolean isEmpty() {
            RocksIterator iterator = iterator();
            try {
                iterator.seekToFirst();
                return !iterator.isValid();
            } finally {
                release(iterator);
            }
        }

        @Override
        public boolean containsKey(Object username) {
            return username instanceof String name && get(name) != null;
        }

        @Override
        public InMemoryUsageLedger.SubjectUsage get(Object username) {
            if (!(username instanceof String name)) {
                return null;
            }
            RocksIterator iterator = iterator();
            try {
                byte[] prefix = subjectPrefix(name);
                iterator.seek(prefix);
                return iterator.isValid() && startsWith(iterator.key(), prefix) ? readSubject(iterator).getValue() : null;
            } finally {
                release(iterator);
            }
        }
    }

    /** Subjects in order, each read whole; the RocksDB iterator is closed at the end (or with the store). */
    private final class SubjectIterator implements Iterator<Map.Entry<String, InMemoryUsageLedger.SubjectUsage>> {
        private RocksIterator iterator = ScratchLedger.this.iterator();

        SubjectIterator() {
            iterator.seekToFirst();
            closeIfDone();
        }

        @Override
        public boolean hasNext() {
            return iterator != null;
        }

        @Override
        public Map.Entry<String, InMemoryUsageLedger.SubjectUsage> next() {
            if (iterator == null) {
                throw new NoSuchElementException();
            }
            Map.Entry<String, InMemoryUsageLedger.SubjectUsage> subject = readSubject(iterator);
            closeIfDone();
            return subject;
        }

        private void closeIfDone() {
            if (!iterator.isValid()) {
                release(iterator);
                iterator = null;
            }
        }
    }

    @Override
    public void close() throws IOException {
        new ArrayList<>(openIterators).forEach(this::release);
        db.close();
        closeOptions();
        deleteDirectory();
    }

    private void closeOptions() {
        writeOptions.close();
        options.close();
        cache.close();
    }

    private void deleteDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
