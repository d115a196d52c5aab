package io.rivulet.protocol;

import java.util.List;

/**
 * One operation of a service model: its name, input and output shape names (null when the model has
 * none) and the error shape names it declares. Immutable.
 */
public record OperationShape(String name, String input, String output, List<String> errors) {}
