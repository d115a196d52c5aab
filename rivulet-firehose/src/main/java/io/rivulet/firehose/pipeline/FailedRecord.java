package io.rivulet.firehose.pipeline;

/**
 * A record that a processor or destination gave up on, with the error Firehose reports for it
 * (errorCode/errorMessage as they appear in the error output's JSON lines) and how many attempts
 * were made.
 */
public record FailedRecord(FirehoseRecord record, String errorCode, String errorMessage,
    int attemptsMade) {}
