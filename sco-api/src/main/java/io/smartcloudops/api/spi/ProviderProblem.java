package io.smartcloudops.api.spi;

/**
 * A provider that discovery could not use: it failed to load, or its name was taken twice.
 *
 * @param type the SPI type it was meant to provide
 * @param description what went wrong, naming the class where known
 */
public record ProviderProblem(Class<? extends Provider> type, String description) {}
