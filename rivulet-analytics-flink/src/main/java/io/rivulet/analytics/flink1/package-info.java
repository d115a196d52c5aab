/**
 * The FLINK-1_18 / FLINK-1_19 / FLINK-1_20 runtime: application jars built against Flink 1.x run
 * on a Flink 1.20 session cluster in a child JVM (rivulet-flink1-session) or on a remote Flink 1.x
 * cluster, driven entirely through Flink's REST API; no Flink 1.x class is on the server's
 * classpath.
 */
package io.rivulet.analytics.flink1;
