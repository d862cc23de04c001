package io.kubelpa.job;

import io.kubelpa.usage.InMemoryUsageLedger;
import io.kubelpa.usage.SubjectLedger;
import io.kubelpa.usage.SubjectUsage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.rocksdb.RocksIterator;

/**
 * A ledger in a scratch RocksDB on local disk, sorted by user name, read a subject at a time, so that
 * neither a streaming review nor {@code lpa analyze} holds more than one subject's usage on the heap
 * however many subjects there are (RocksDB's write buffer and block cache are bounded and off the
 * heap). Usage is only appended: parts of the same subject, grant and shape (partial sums of parallel
 * tasks) add up when the subject is read. The store is scratch data: it is deleted when closed, and
 * whoever filled it can fill it again.
 *
 * <p>A key is the user name made {@link ScratchStore#sortable sortable}, then a sequence number: byte
 * order is then the user names' {@link String} order, the same order as an in-memory ledger, and a
 * subject's entries are contiguous whatever its name holds.
 */
public final class ScratchLedger implements SubjectLedger, AutoCloseable {
    private final ScratchStore store;
    private final TypeSerializer<UsageFact> serializer =
            Types.POJO(UsageFact.class).createSerializer(new ExecutionConfig().getSerializerConfig());
    private final DataOutputSerializer out = new DataOutputSerializer(256);
    private final SubjectsView view = new SubjectsView();
    /** Distinct subjects, counted on first ask; -1 until then or after a write. */
    private long subjectCount = -1;

    private long nextSequence;

    /** A new, empty store in a folder of its own under {@code parent}. */
    public ScratchLedger(Path parent) throws IOException {
        store = new ScratchStore(parent, "ledger");
    }

    /** Adds usage of a subject: to whatever usage of the same grant and shape it already has. */
    public void add(UsageFact fact) throws IOException {
        out.clear();
        serializer.serialize(fact, out);
        store.put(
                ScratchStore.withNumber(ScratchStore.sortable(fact.username()), nextSequence++), out.getCopyOfBuffer());
        subjectCount = -1;
    }

    @Override
    public Map<String, SubjectUsage> subjects() {
        return view;
    }

    /** The subject whose entries start where {@code iterator} is; leaves it on the next subject's first entry. */
    private Map.Entry<String, SubjectUsage> readSubject(RocksIterator iterator) {
        UsageFact first = fact(iterator.value());
        byte[] prefix = ScratchStore.sortable(first.username());
        InMemoryUsageLedger one = new InMemoryUsageLedger();
        one.add(first.username(), first.grant(), first.shape(), first.usage());
        iterator.next();
        while (iterator.isValid() && ScratchStore.startsWith(iterator.key(), prefix)) {
            UsageFact fact = fact(iterator.value());
            one.add(fact.username(), fact.grant(), fact.shape(), fact.usage());
            iterator.next();
        }
        return new AbstractMap.SimpleImmutableEntry<>(
                first.username(), one.subjects().get(first.username()));
    }

    private UsageFact fact(byte[] value) {
        try {
            return serializer.deserialize(new DataInputDeserializer(value));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable entry in the scratch ledger in " + store.dir(), e);
        }
    }

    /** The store as a read-only sorted map; each visit reads from disk. */
    private final class SubjectsView extends AbstractMap<String, SubjectUsage> {
        @Override
        public Set<Entry<String, SubjectUsage>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, SubjectUsage>> iterator() {
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
            RocksIterator iterator = store.iterator();
            try {
                iterator.seekToFirst();
                return !iterator.isValid();
            } finally {
                store.release(iterator);
            }
        }

        @Override
        public boolean containsKey(Object username) {
            return username instanceof String name && get(name) != null;
        }

        @Override
        public SubjectUsage get(Object username) {
            if (!(username instanceof String name)) {
                return null;
            }
            RocksIterator iterator = store.iterator();
            try {
                byte[] prefix = ScratchStore.sortable(name);
                iterator.seek(prefix);
                return iterator.isValid() && ScratchStore.startsWith(iterator.key(), prefix)
                        ? readSubject(iterator).getValue()
                        : null;
            } finally {
                store.release(iterator);
            }
        }
    }

    /** Subjects in order, each read whole; the RocksDB iterator is closed at the end (or with the store). */
    private final class SubjectIterator implements Iterator<Map.Entry<String, SubjectUsage>> {
        private RocksIterator iterator = store.iterator();

        SubjectIterator() {
            iterator.seekToFirst();
            closeIfDone();
        }

        @Override
        public boolean hasNext() {
            return iterator != null;
        }

        @Override
        public Map.Entry<String, SubjectUsage> next() {
            if (iterator == null) {
                throw new NoSuchElementException();
            }
            Map.Entry<String, SubjectUsage> subject = readSubject(iterator);
            closeIfDone();
            return subject;
        }

        private void closeIfDone() {
            if (!iterator.isValid()) {
                store.release(iterator);
                iterator = null;
            }
        }
    }

    @Override
    public void close() throws IOException {
        store.close();
    }
}
