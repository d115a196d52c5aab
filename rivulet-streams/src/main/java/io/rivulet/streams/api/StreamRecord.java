package io.rivulet.streams.api;

import java.time.Instant;

/**
 * A record read from a shard, as GetRecords returns it: its sequence number, when the stream
 * received it, its partition key and its data (decrypted when the stream stored it encrypted;
 * {@code encryptionType} is then {@code KMS}, else null). The data array is the reader's own.
 */
public record StreamRecord(String sequenceNumber, Instant approximateArrivalTimestamp,
    String partitionKey, byte[] data, String encryptionType) {}
