package io.kubelpa.stream.runtime;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.SimpleOperatorFactory;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.transformations.TwoInputTransformation;

/**
 * A two-input operator keyed by its first input only. Built by hand because the DataStream API
 * keys a two-input operator only when both inputs are keyed, and the request operator must see the
 * watermark (the broadcast-state functions cannot).
 */
public final class KeyedTwoInput {
    private KeyedTwoInput() {}

    public static <K, A, B, O> SingleOutputStreamOperator<O> apply(
            StreamExecutionEnvironment env,
            KeyedStream<A, K> keyed,
            TypeInformation<K> keyType,
            DataStream<B> other,
            TwoInputStreamOperator<A, B, O> operator,
            TypeInformation<O> outputType,
            String name,
            String uid) {
        TwoInputTransformation<A, B, O> transformation = new TwoInputTransformation<>(
                keyed.getTransformation(),
                other.getTransformation(),
                name,
                SimpleOperatorFactory.of(operator),
                outputType,
                env.getParallelism());
        transformation.setStateKeySelectors(keyed.getKeySelector(), null);
        transformation.setStateKeyType(keyType);
        transformation.setUid(uid);
        env.addOperator(transformation);
        return new SingleOutputStreamOperator<>(env, transformation) {};
    }
}
