package io.dsk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlExpressionsTest {

    @Test
    void theSignalsOfAnAlertAreItsOperandsWithoutTheirThresholds() {
        assertThat(PromQlExpressions.signals("up{job=\"dsk-gateway\"} == 0")).containsExactly("up{job=\"dsk-gateway\"}");
        assertThat(PromQlExpressions.signals("a / b{x=\"<\"} < 0.10 and a >= 0")).containsExactly("a / b{x=\"<\"}", "a");
        assertThat(PromQlExpressions.signals("x > 0 or rate(y[5m]) > 0.1")).containsExactly("x", "rate(y[5m])");
    }

    @Test
    void operatorsInsideParenthesesBracesAndStringsAreNotTopLevel() {
        assertThat(PromQlExpressions.signals("(sum(a{s=~\"5..\"}) or sum(b) * 0) / sum(b) > 0.05"))
                .containsExactly("(sum(a{s=~\"5..\"}) or sum(b) * 0) / sum(b)");
        assertThat(PromQlExpressions.signals("sum by (c) (x{l=\"a and b\"}) > 1"))
                .containsExactly("sum by (c) (x{l=\"a and b\"})");
    }

    @Test
    void metricNamesLeaveOutFunctionsLabelsDurationsGroupingAndNumbers() {
        assertThat(PromQlExpressions.metricNames("histogram_quantile(0.99, sum by (job, le) "
                + "(rate(dsk_commit_latency_seconds_bucket{job=\"dsk-gateway\"}[5m]))) > 0.25"))
                .containsExactly("dsk_commit_latency_seconds_bucket");
        assertThat(PromQlExpressions.metricNames("kafka_connect_connector_status{status=\"failed\"} == 1 "
                + "or kafka_connect_worker_connector_failed_task_count > 0 and predict_linear(f[6h], 24 * 3600) < 0"))
                .containsExactly("f", "kafka_connect_connector_status", "kafka_connect_worker_connector_failed_task_count");
    }
}
