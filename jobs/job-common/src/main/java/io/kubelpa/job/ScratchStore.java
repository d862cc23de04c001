package io.kubelpa.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * A RocksDB of scratch data in a folder of its own on local disk: sorted by key, its write buffer and
 * block cache bounded and off the heap, no write-ahead log (a crash loses nothing whoever filled it
 * cannot give again), deleted when closed with every iterator still open.
 */
public final class ScratchStore implements AutoCloseable {
    private static final long WRITE_BUFFER_BYTES = 16L << 20;
    private static final long BLOCK_CACHE_BYTES = 16L << 20;

    static {
        RocksDB.loadLibrary();
    }

    private final Path dir;
    private final String what;
    private final LRUCache cache;
    private final Options options;
    private final WriteOptions writeOptions;
    private final RocksDB db;
    private final List<RocksIterator> openIterators = new ArrayList<>();

    /** {@code what}: the store's name in folder names and errors, such as "ledger". */
    public ScratchStore(Path parent, String what) throws IOException {
        this.what = what;
        Files.createDirectories(parent);
        dir = Files.createTempDirectory(parent, "lpa-" + what + "-");
        cache = new LRUCache(BLOCK_CACHE_BYTES);
        options = new Options()
                .setCreateIfMissing(true)
                .setWriteBufferSize(WRITE_BUFFER_BYTES)
                .setMaxOpenFiles(256)
                .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache));
        writeOptions = new WriteOptions().setDisableWAL(true);
        try {
            db = RocksDB.open(options, dir.toString());
        } catch (RocksDBException e) {
            closeOptions();
            deleteDirectory();
            throw new IOException("cannot open a scratch " + what + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    public void put(byte[] key, byte[] value) throws IOException {
        try {
            db.put(writeOptions, key, value);
        } catch (RocksDBException e) {
            throw new IOException("cannot write the scratch " + what + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** An iterator the store closes with itself unless {@link #release released} first. */
    public RocksIterator iterator() {
        RocksIterator iterator = db.newIterator();
        openIterators.add(iterator);
        return iterator;
    }

    public void release(RocksIterator iterator) {
        if (openIterators.remove(iterator)) {
            iterator.close();
        }
    }

    /** Where the store is, for messages. */
    public Path dir() {
        return dir;
    }

    /** {@code prefix} followed by {@code number} in 8 big-endian bytes: keys that sort by the number after the prefix. */
    public static byte[] withNumber(byte[] prefix, long number) {
        byte[] key = Arrays.copyOf(prefix, prefix.length + Long.BYTES);
        for (int i = 0; i < Long.BYTES; i++) {
            key[prefix.length + i] = (byte) (number >>> (8 * (Long.BYTES - 1 - i)));
        }
        return key;
    }

    /**
     * {@code text} as bytes whose order is {@link String}'s: each UTF-16 unit as {@code 0x01, high byte,
     * low byte}, then {@code 0x00}, so a shorter text sorts first and what follows never mixes with it.
     */
    public static byte[] sortable(String text) {
        byte[] bytes = new byte[text.length() * 3 + 1];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes[3 * i] = 1;
            bytes[3 * i + 1] = (byte) (c >>> 8);
            bytes[3 * i + 2] = (byte) c;
        }
        bytes[bytes.length - 1] = 0;
        return bytes;
    }

    public static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
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
