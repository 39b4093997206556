package io.rawpipeline.connect.s3.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NoticeTest {

    static final QueuedMessage MESSAGE = new QueuedMessage("m-1", "receipt", "{}", 1);

    @Test
    void theMessageCanGoOnceEveryObjectIsSettled() {
        Notice notice = new Notice(MESSAGE, 2, 0);

        assertThat(notice.settleOne()).isFalse();
        assertThat(notice.settleOne()).isTrue();
    }

    @Test
    void anAbandonedMessageIsNeverDeletedNorKeptHidden() {
        Notice notice = new Notice(MESSAGE, 1, 0);

        notice.abandon();

        assertThat(notice.settleOne()).isFalse();
        assertThat(notice.visibilityDue(1_000_000, 10_000)).isFalse();
    }

    @Test
    void visibilityIsExtendedAtHalfTimeWhileObjectsAreUnsettled() {
        Notice notice = new Notice(MESSAGE, 1, 0);

        assertThat(notice.visibilityDue(4_999, 10_000)).isFalse();
        assertThat(notice.visibilityDue(5_000, 10_000)).isTrue();
        notice.hidden(5_000);
        assertThat(notice.visibilityDue(9_999, 10_000)).isFalse();
        notice.settleOne();
        assertThat(notice.visibilityDue(20_000, 10_000)).isFalse();
    }
}
