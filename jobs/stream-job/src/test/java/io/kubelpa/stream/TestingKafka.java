package io.kubelpa.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real KRaft Kafka cluster in this JVM (Kafka's own cluster test kit), on loopback: one combined
 * node, or several brokers beside one controller whose topics are replicated to every broker with
 * {@code min.insync.replicas} 2, so one broker can go while producers with {@code acks=all} go on.
 */
public final class TestingKafka implements AutoCloseable {
    private final KafkaClusterTestKit cluster;
    private final int brokers;

    public TestingKafka() throws Exception {
        this(1);
    }

    public TestingKafka(int brokers) throws Exception {
        this.brokers = brokers;
        String replicas = Integer.toString(brokers);
        String minInSync = Integer.toString(Math.min(2, brokers));
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(brokers == 1)
                        .setNumBrokerNodes(brokers)
                        .setNumControllerNodes(1)
                        .build())
                .setConfigProp("offsets.topic.replication.factor", replicas)
                .setConfigProp("transaction.state.log.replication.factor", replicas)
                .setConfigProp("transaction.state.log.min.isr", minInSync)
                .setConfigProp("default.replication.factor", replicas)
                .setConfigProp("min.insync.replicas", minInSync)
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("message.max.bytes", Integer.toString(4 * 1024 * 1024))
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public void createTopic(String name, int partitions, boolean compacted) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            NewTopic topic = new NewTopic(name, partitions, (short) brokers);
            Map<String, String> configs = new java.util.HashMap<>();
            configs.put("max.message.bytes", Integer.toString(4 * 1024 * 1024));
            if (compacted) {
                configs.put("cleanup.policy", "compact");
            }
            topic.configs(configs);
            admin.createTopics(List.of(topic)).all().get();
        }
    }

    /** A producer that waits for the broker's acknowledgement and takes messages up to 4 MiB. */
    private KafkaProducer<byte[], byte[]> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
        return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The broker leading a partition now. */
    public int leaderOf(String topic, int partition) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            return admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions()
                    .get(partition)
                    .leader()
                    .id();
        }
    }

    /** Stops a broker as a crash would leave the others: they elect new leaders for its partitions. */
    public void stopBroker(int id) {
        cluster.brokers().get(id).shutdown();
    }

    public void startBroker(int id) {
        cluster.brokers().get(id).startup();
    }

    /** A broker-side quota: the consumers with these client ids read at most {@code bytesPerSecond}. */
    void throttleConsumers(List<String> clientIds, double bytesPerSecond) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            List<org.apache.kafka.common.quota.ClientQuotaAlteration> quotas = clientIds.stream()
                    .map(id -> new org.apache.kafka.common.quota.ClientQuotaAlteration(
                            new org.apache.kafka.common.quota.ClientQuotaEntity(
                                    Map.of(org.apache.kafka.common.quota.ClientQuotaEntity.CLIENT_ID, id)),
                            List.of(new org.apache.kafka.common.quota.ClientQuotaAlteration.Op(
                                    "consumer_byte_rate", bytesPerSecond))))
                    .toList();
            admin.alterClientQuotas(quotas).all().get();
        }
    }

    /** A streaming job's settings reading {@code topic} of this broker from its start, writing into {@code out}. */
    org.apache.flink.configuration.Configuration jobConfig(
            String topic, java.nio.file.Path out, int parallelism, boolean bounded) {
        org.apache.flink.configuration.Configuration config = new org.apache.flink.configuration.Configuration();
        config.set(KafkaOptions.BOOTSTRAP_SERVERS, bootstrapServers());
        config.set(KafkaOptions.TOPICS, List.of(topic));
        config.set(KafkaOptions.GROUP_ID, "lpa-" + topic);
        config.set(KafkaOptions.STARTING_OFFSETS, "earliest");
        config.set(KafkaOptions.STOP_AT_LATEST, bounded);
        config.set(StreamReviewOptions.OUTPUT_DIR, out.toString());
        config.set(StreamOptions.PARALLELISM, parallelism);
        config.setString("execution.checkpointing.interval", "300 ms");
        return config;
    }

    public void produce(String topic, List<byte[]> messages) {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            messages.forEach(message -> producer.send(new ProducerRecord<>(topic, message)));
            producer.flush();
        }
    }

    /** Messages into one partition of the topic, in order. */
    void produceToPartition(String topic, int partition, List<byte[]> messages) {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            messages.forEach(message -> producer.send(new ProducerRecord<>(topic, partition, null, message)));
            producer.flush();
        }
    }

    /** The same message into each of the topic's partitions, so every reader of the topic sees it. */
    void produceToEveryPartition(String topic, byte[] message) {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (var partition : producer.partitionsFor(topic)) {
                producer.send(new ProducerRecord<>(topic, partition.partition(), null, message));
            }
            producer.flush();
        }
    }

    /** One message with the given record timestamp (milliseconds). */
    void produceAt(String topic, long timestampMillis, byte[] message) {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, null, timestampMillis, null, message));
            producer.flush();
        }
    }

    /** Everything committed in the topic now (read_committed): keys and values (null for tombstones). */
    List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime());
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            int emptyPolls = 0;
            while (emptyPolls < 3) {
                var polled = consumer.poll(Duration.ofMillis(500));
                if (polled.isEmpty()) {
                    emptyPolls++;
                }
                polled.forEach(records::add);
            }
        }
        return records;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
