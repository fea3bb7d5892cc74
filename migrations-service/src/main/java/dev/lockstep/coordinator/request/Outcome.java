package dev.lockstep.coordinator.request;

/**
 * The result of a request run by {@link RequestStore#once}.
 *
 * @param value the response
 * @param replayed true when it is the recorded response of an earlier call with the same id
 * @param <T> the response type
 */
public record Outcome<T>(T value, boolean replayed) {}
