package io.rawpipeline.connect.s3.offset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ObjectOffsetTest {

    /** Connect finds an offset by its serialized partition: the order must be the same in every JVM. */
    @Test
    void thePartitionHasOneOrderAndTheLegacyOneTheOther() {
        assertThat(ObjectOffset.partition("b", "k").keySet()).containsExactly("bucket", "key");
        assertThat(ObjectOffset.legacyPartition("b", "k").keySet()).containsExactly("key", "bucket");
        assertThat(ObjectOffset.legacyPartition("b", "k")).isEqualTo(ObjectOffset.partition("b", "k"));
    }

    @Test
    void theFurthestOffsetOfTheVersionWins() {
        ObjectOffset complete = new ObjectOffset("v1", 303, true);
        ObjectOffset partial = new ObjectOffset("v1", 500, false);
        ObjectOffset earlier = new ObjectOffset("v1", 100, false);
        ObjectOffset otherVersion = new ObjectOffset("v0", 900, true);

        assertThat(ObjectOffset.furthest("v1", null, null)).isNull();
        assertThat(ObjectOffset.furthest("v1", null, earlier)).isSameAs(earlier);
        assertThat(ObjectOffset.furthest("v1", earlier, null)).isSameAs(earlier);
        assertThat(ObjectOffset.furthest("v1", partial, complete)).isSameAs(complete);
        assertThat(ObjectOffset.furthest("v1", complete, partial)).isSameAs(complete);
        assertThat(ObjectOffset.furthest("v1", earlier, partial)).isSameAs(partial);
        assertThat(ObjectOffset.furthest("v1", partial, earlier)).isSameAs(partial);
        assertThat(ObjectOffset.furthest("v1", otherVersion, earlier)).isSameAs(earlier);
        assertThat(ObjectOffset.furthest("v1", earlier, otherVersion)).isSameAs(earlier);
    }
}
