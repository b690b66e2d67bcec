/**
 * Forecasts of a series: the {@link io.smartcloudops.api.forecast.Forecaster} contract, its answer
 * {@link io.smartcloudops.api.forecast.SeriesForecast} (a projection with 80% and 95% intervals and a
 * time-to-threshold, or a refusal saying how much history it needs), and the
 * {@link io.smartcloudops.api.forecast.MetricRange} that keeps forecasts physically possible.
 */
package io.smartcloudops.api.forecast;
