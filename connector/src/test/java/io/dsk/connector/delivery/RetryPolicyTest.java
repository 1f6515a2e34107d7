package io.dsk.connector.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void backoffDoublesUpToTheMaximum() {
        RetryPolicy policy = new RetryPolicy(10, 100, 1_000, 0.0, 60_000, () -> 0.0);

        assertThat(policy.delayBeforeRetry(1, -1, 0)).isEqualTo(100);
        assertThat(policy.delayBeforeRetry(2, -1, 0)).isEqualTo(200);
        assertThat(policy.delayBeforeRetry(4, -1, 0)).isEqualTo(800);
        assertThat(policy.delayBeforeRetry(5, -1, 0)).isEqualTo(1_000);
        assertThat(policy.delayBeforeRetry(10, -1, 0)).isEqualTo(1_000);
    }

    @Test
    void jitterShortensTheWaitByUpToItsFraction() {
        RetryPolicy policy = new RetryPolicy(10, 1_000, 1_000, 0.5, 60_000, () -> 0.999);

        assertThat(policy.delayBeforeRetry(1, -1, 0)).isBetween(500L, 501L);
    }

    @Test
    void retryAfterTakesPrecedenceButNotBeyondTheTimeout() {
        RetryPolicy policy = new RetryPolicy(10, 100, 1_000, 0.0, 60_000, () -> 0.0);

        assertThat(policy.delayBeforeRetry(1, 5_000, 0)).isEqualTo(5_000);
        assertThat(policy.delayBeforeRetry(1, 5_000, 58_000)).isEqualTo(2_000);
    }

    @Test
    void noMoreRetriesAfterTheLimitOrTheTimeout() {
        RetryPolicy policy = new RetryPolicy(3, 100, 1_000, 0.0, 10_000, () -> 0.0);

        assertThat(policy.delayBeforeRetry(4, -1, 0)).isEqualTo(-1);
        assertThat(policy.delayBeforeRetry(1, -1, 10_000)).isEqualTo(-1);
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        assertThat(RetryPolicy.retryAfterMs("3", 0)).isEqualTo(3_000);
        assertThat(RetryPolicy.retryAfterMs("Thu, 01 Jan 1970 00:00:10 GMT", 4_000)).isEqualTo(6_000);
        assertThat(RetryPolicy.retryAfterMs("soon", 0)).isEqualTo(-1);
        assertThat(RetryPolicy.retryAfterMs(null, 0)).isEqualTo(-1);
    }
}
